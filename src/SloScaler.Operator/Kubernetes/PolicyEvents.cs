using System.Globalization;
using System.Text;
using k8s.Models;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Kubernetes;

/// <summary>Builds the <c>events.k8s.io/v1</c> Event for a <see cref="PolicyEvent"/>, within the API's field limits.</summary>
internal static class PolicyEvents
{
    /// <summary>The API's limit on <c>note</c>, in bytes.</summary>
    public const int MaxNoteBytes = 1024;

    private const int MaxReasonChars = 128;
    private const int MaxNameChars = 253;
    private const int SuffixChars = 16;

    private static readonly HashSet<string> ScaleReasons = new(StringComparer.Ordinal) { "Scaled", "DryRunScale" };

    public static Eventsv1Event Create(PolicyKey key, string? uid, PolicyEvent e, DateTimeOffset now, string reportingInstance, long suffix) => new()
    {
        ApiVersion = "events.k8s.io/v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = Name(key.Name, suffix), NamespaceProperty = key.Namespace },
        EventTime = now.UtcDateTime,
        Regarding = new V1ObjectReference
        {
            ApiVersion = ScalingPolicyResource.ApiVersionValue,
            Kind = ScalingPolicyResource.KindValue,
            Name = key.Name,
            NamespaceProperty = key.Namespace,
            Uid = uid,
        },
        ReportingController = KubernetesStatusSinkOptions.ReportingController,
        ReportingInstance = reportingInstance,
        Action = Action(e.Reason),
        Reason = Truncate(e.Reason.Length == 0 ? "Unknown" : e.Reason, MaxReasonChars),
        Type = e.Type == PolicyEvent.Warning ? PolicyEvent.Warning : PolicyEvent.Normal,
        Note = Note(e.Note),
    };

    /// <summary><c>Scale</c> for a (dry-run) scale, <c>Evaluate</c> for everything else the evaluation found.</summary>
    public static string Action(string reason) => ScaleReasons.Contains(reason) ? "Scale" : "Evaluate";

    /// <summary><c>{policy}.{16 hex digits}</c>, the Kubernetes convention for Event names; the digits are <paramref name="suffix"/> (random, from the caller's seeded source).</summary>
    public static string Name(string policyName, long suffix)
    {
        var hex = suffix.ToString("x16", CultureInfo.InvariantCulture);
        var prefix = policyName.Length + 1 + SuffixChars <= MaxNameChars ? policyName : policyName[..(MaxNameChars - 1 - SuffixChars)].TrimEnd('.', '-');
        return $"{prefix}.{hex}";
    }

    /// <summary>The note cut to at most <see cref="MaxNoteBytes"/> UTF-8 bytes, ending in "…" when cut.</summary>
    public static string Note(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) <= MaxNoteBytes) return note;
        const char ellipsis = '…';
        var budget = MaxNoteBytes - Encoding.UTF8.GetByteCount(ellipsis.ToString());
        var sb = new StringBuilder();
        var used = 0;
        foreach (var rune in note.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            sb.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return sb.Append(ellipsis).ToString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
