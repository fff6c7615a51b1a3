using System.Text.Json.Nodes;
using SloScaler.Operator.Leadership;
using k8s.Models;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// One verb on one resource (with its subresource, e.g. <c>deployments/scale</c>) in one API group,
/// optionally limited to one object name: the unit RBAC rules expand to.
/// </summary>
internal sealed record Permission(string Group, string Resource, string Verb, string? ResourceName = null)
{
    public override string ToString() =>
        $"{Verb} {Resource}{(Group.Length == 0 ? "" : "." + Group)}{(ResourceName is null ? "" : $" named {ResourceName}")}";

    /// <summary>Every (group, resource, verb, name) a rule grants.</summary>
    public static IEnumerable<Permission> Expand(IEnumerable<string> groups, IEnumerable<string> resources, IEnumerable<string> verbs, IEnumerable<string>? names)
    {
        var nameList = names?.ToList() is { Count: > 0 } n ? n.Cast<string?>().ToList() : [null];
        return from g in groups
               from r in resources
               from v in verbs
               from name in nameList
               select new Permission(g, r, v, name);
    }

    /// <summary>The permissions of the <c>rules</c> of a Role or ClusterRole manifest.</summary>
    public static IReadOnlySet<Permission> Of(Manifest role) =>
        (role["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(rule => Expand(Strings(rule["apiGroups"]), Strings(rule["resources"]), Strings(rule["verbs"]), Strings(rule["resourceNames"])))
            .ToHashSet();

    /// <summary>The permissions of the rules of a Role or ClusterRole read from the API server.</summary>
    public static IReadOnlySet<Permission> Of(IEnumerable<V1PolicyRule>? rules) =>
        (rules ?? []).SelectMany(rule => Expand(rule.ApiGroups ?? [], rule.Resources ?? [], rule.Verbs ?? [], rule.ResourceNames)).ToHashSet();

    /// <summary>Every string anywhere in a rule's lists (apiGroups, resources, verbs, resourceNames, nonResourceURLs).</summary>
    public static IEnumerable<string> AllRuleStrings(Manifest role) =>
        (role["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(rule => rule.Select(p => p.Value).SelectMany(Strings));

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(x => x?.ToString() ?? "") : [];
}

/// <summary>
/// What <c>sloscaler run</c> calls in Kubernetes, read off its code (src/SloScaler.Operator:
/// PolicyWatchLoop, KubernetesStatusSink, KubernetesScaleTarget, LeaderElection), and therefore
/// exactly what the install grants it: every manifest and every installed role is compared with this.
/// </summary>
internal static class OperatorAccess
{
    public static readonly string[] BuiltInScalables = ["deployments", "statefulsets", "replicasets"];

    /// <summary>In every watched namespace (a ClusterRole when all are watched, else a Role in each).</summary>
    public static readonly IReadOnlySet<Permission> Watched = new[]
    {
        // list then watch (PolicyWatchLoop); never a GET of one policy
        new Permission("sloscaler.io", "scalingpolicies", "list"),
        new Permission("sloscaler.io", "scalingpolicies", "watch"),
        // one JSON patch replacing /status (KubernetesStatusSink)
        new Permission("sloscaler.io", "scalingpolicies/status", "patch"),
        // Events about decisions, always created (KubernetesStatusSink)
        new Permission("events.k8s.io", "events", "create"),
    }
    .Concat(BuiltInScalables.SelectMany(r => new[]
    {
        // GET and merge PATCH of the scale subresource (KubernetesScaleTarget)
        new Permission("apps", r + "/scale", "get"),
        new Permission("apps", r + "/scale", "patch"),
        // status.readyReplicas of the target
        new Permission("apps", r, "get"),
    }))
    .ToHashSet();

    /// <summary>In the operator's own namespace: its Lease (KubernetesClient's LeaseLock: get, create, replace).</summary>
    public static IReadOnlySet<Permission> LeaderElection(string leaseName) => new HashSet<Permission>
    {
        new("coordination.k8s.io", "leases", "create"),
        new("coordination.k8s.io", "leases", "get", leaseName),
        new("coordination.k8s.io", "leases", "update", leaseName),
    };

    /// <summary>Strings that must never appear in the operator's rules.</summary>
    public static readonly string[] Forbidden = ["*", "secrets", "escalate", "bind", "impersonate"];

    /// <summary>Asserts that <paramref name="actual"/> is exactly <paramref name="expected"/>, naming what is extra and what is missing.</summary>
    public static void AssertExactly(IReadOnlySet<Permission> expected, IReadOnlySet<Permission> actual, string what)
    {
        var extra = actual.Except(expected).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        var missing = expected.Except(actual).Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0 && missing.Count == 0,
            $"{what}: grants more than the operator calls: [{string.Join("; ", extra)}]; lacks what it calls: [{string.Join("; ", missing)}]");
    }

    /// <summary>Asserts no wildcard, no Secrets and no privilege-granting verb anywhere in a role.</summary>
    public static void AssertNoWildcardOrSecrets(Manifest role)
    {
        var bad = Permission.AllRuleStrings(role).Where(s => Forbidden.Contains(s, StringComparer.Ordinal) || s.Contains('*', StringComparison.Ordinal)).ToList();
        Assert.True(bad.Count == 0, $"{role}: {string.Join(", ", bad)} in its rules");
    }
}
