namespace SloScaler.Core.Hpa;

/// <summary>A replica calculation that either proposed replicas or failed with HPA's reason.</summary>
public sealed record ReplicaCalculation(ReplicaProposal? Proposal, string? Error)
{
    public bool Succeeded => Proposal is not null;

    public static ReplicaCalculation Of(int replicas, double usageRatio, long averageMilli) =>
        new(new ReplicaProposal(replicas, usageRatio, averageMilli), null);

    public static ReplicaCalculation Failed(string error) => new(null, error);
}
