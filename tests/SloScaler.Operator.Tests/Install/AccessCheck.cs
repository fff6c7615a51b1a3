using k8s;
using k8s.Models;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// One question to the API server's authorizer, asked as the identity itself
/// (a SelfSubjectAccessReview: what <c>kubectl auth can-i</c> does), with the answer expected.
/// </summary>
internal sealed record AccessCheck(string Verb, string Group, string Resource, string? Namespace, bool Allowed, string? Name = null)
{
    public static AccessCheck Can(string verb, string group, string resource, string? @namespace, string? name = null) => new(verb, group, resource, @namespace, true, name);

    public static AccessCheck Cannot(string verb, string group, string resource, string? @namespace, string? name = null) => new(verb, group, resource, @namespace, false, name);

    /// <summary>The checks that the identity may do each of <paramref name="permissions"/> in <paramref name="namespace"/>.</summary>
    public static IEnumerable<AccessCheck> AllOf(IEnumerable<Permission> permissions, string? @namespace) =>
        permissions.Select(p => Can(p.Verb, p.Group, p.Resource, @namespace, p.ResourceName));

    public override string ToString() =>
        $"can-i {Verb} {Resource}{(Group.Length == 0 ? "" : "." + Group)}{(Name is null ? "" : "/" + Name)} {(Namespace is null ? "(cluster-wide)" : "-n " + Namespace)}: expected {(Allowed ? "yes" : "no")}";

    /// <summary>Asks every check; fails once, listing every answer that was not the expected one.</summary>
    public static async Task AssertAllAsync(IKubernetes identity, string who, IEnumerable<AccessCheck> checks)
    {
        var wrong = new List<string>();
        var count = 0;
        foreach (var check in checks)
        {
            count++;
            var (resource, subresource) = check.Resource.Split('/', 2) is [var r, var s] ? (r, s) : (check.Resource, null);
            var review = await identity.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec
                {
                    ResourceAttributes = new V1ResourceAttributes
                    {
                        Verb = check.Verb,
                        Group = check.Group,
                        Resource = resource,
                        Subresource = subresource,
                        NamespaceProperty = check.Namespace,
                        Name = check.Name,
                    },
                },
            });
            if (review.Status.Allowed != check.Allowed)
                wrong.Add($"{check}, got {(review.Status.Allowed ? "yes" : "no")} {review.Status.Reason}");
        }
        Assert.True(count > 0, "no access check was asked");
        Assert.True(wrong.Count == 0, $"{who}: {wrong.Count} of {count} access checks answered otherwise:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", wrong)}");
    }

    /// <summary>
    /// What the operator must never be able to do, in <paramref name="namespace"/>: read Secrets,
    /// change Deployments other than through their scale subresource, touch its own spec, other
    /// Leases, Pods, RBAC, or use a wildcard.
    /// </summary>
    public static IEnumerable<AccessCheck> NeverAllowed(string? @namespace, string leaseName)
    {
        foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch", "delete" })
            yield return Cannot(verb, "", "secrets", @namespace);
        foreach (var verb in new[] { "create", "update", "patch", "delete", "deletecollection", "list", "watch" })
            foreach (var kind in OperatorAccess.BuiltInScalables)
                yield return Cannot(verb, "apps", kind, @namespace);
        foreach (var kind in OperatorAccess.BuiltInScalables)
            yield return Cannot("update", "apps", kind + "/scale", @namespace); // patch only
        yield return Cannot("update", "apps", "deployments/status", @namespace);
        yield return Cannot("patch", "apps", "deployments/status", @namespace);
        foreach (var verb in new[] { "get", "create", "update", "patch", "delete" })
            yield return Cannot(verb, "sloscaler.io", "scalingpolicies", @namespace); // the user's spec is not the operator's to change
        yield return Cannot("update", "sloscaler.io", "scalingpolicies/status", @namespace);
        yield return Cannot("get", "coordination.k8s.io", "leases", @namespace, "someone-elses-lease");
        yield return Cannot("update", "coordination.k8s.io", "leases", @namespace, "someone-elses-lease");
        yield return Cannot("delete", "coordination.k8s.io", "leases", @namespace, leaseName);
        yield return Cannot("list", "coordination.k8s.io", "leases", @namespace);
        yield return Cannot("list", "", "pods", @namespace);
        yield return Cannot("delete", "", "pods", @namespace);
        yield return Cannot("create", "", "pods", @namespace);
        yield return Cannot("get", "", "configmaps", @namespace);
        yield return Cannot("create", "", "events", @namespace); // core/v1 Events: it writes events.k8s.io/v1 only
        yield return Cannot("patch", "events.k8s.io", "events", @namespace);
        yield return Cannot("create", "rbac.authorization.k8s.io", "rolebindings", @namespace);
        yield return Cannot("escalate", "rbac.authorization.k8s.io", "roles", @namespace);
        yield return Cannot("bind", "rbac.authorization.k8s.io", "clusterroles", null);
        yield return Cannot("impersonate", "", "serviceaccounts", @namespace);
        yield return Cannot("create", "", "serviceaccounts/token", @namespace);
        // wildcards: a rule with * in verbs, resources or groups would answer yes to these
        yield return Cannot("*", "*", "*", @namespace);
        yield return Cannot("*", "*", "*", null);
        yield return Cannot("*", "apps", "deployments", @namespace);
        yield return Cannot("get", "*", "*", @namespace);
        yield return Cannot("get", "apps", "*", @namespace);
        yield return Cannot("*", "sloscaler.io", "scalingpolicies", @namespace);
        yield return Cannot("create", "apiextensions.k8s.io", "customresourcedefinitions", null);
    }
}
