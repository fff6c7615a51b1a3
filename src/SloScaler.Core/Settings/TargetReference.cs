namespace SloScaler.Core.Settings;

public sealed record TargetReference(string ApiVersion, string Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}
