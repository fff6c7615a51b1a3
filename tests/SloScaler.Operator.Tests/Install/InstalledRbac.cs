using k8s;
using k8s.Models;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// What the API server holds for a ServiceAccount: every (Cluster)RoleBinding naming it as a
/// subject, and the rules of the roles they grant, by scope ("" = cluster-wide, else a namespace).
/// </summary>
internal static class InstalledRbac
{
    public const string ClusterWide = "";

    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<Permission>>> OfServiceAccountAsync(IKubernetes admin, string @namespace, string name)
    {
        var scopes = new Dictionary<string, HashSet<Permission>>(StringComparer.Ordinal);
        var wildcards = new List<string>();
        void Add(string scope, string role, IList<V1PolicyRule>? rules)
        {
            foreach (var rule in rules ?? [])
            {
                var strings = new[] { rule.ApiGroups, rule.Resources, rule.Verbs, rule.ResourceNames, rule.NonResourceURLs }.SelectMany(l => l ?? []);
                if (strings.Any(s => s.Contains('*', StringComparison.Ordinal)))
                    wildcards.Add($"{role}: {string.Join(",", rule.Verbs ?? [])} on {string.Join(",", rule.Resources ?? rule.NonResourceURLs ?? [])} in {string.Join(",", rule.ApiGroups ?? [])}");
            }
            if (!scopes.TryGetValue(scope, out var set))
                scopes[scope] = set = [];
            set.UnionWith(Permission.Of(rules));
        }
        bool Names(IList<Rbacv1Subject>? subjects) =>
            subjects?.Any(s => s.Kind == "ServiceAccount" && s.Name == name && s.NamespaceProperty == @namespace) == true;

        foreach (var binding in (await admin.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items.Where(b => Names(b.Subjects)))
        {
            var role = await admin.RbacAuthorizationV1.ReadClusterRoleAsync(binding.RoleRef.Name);
            Add(ClusterWide, $"ClusterRole {role.Metadata.Name}", role.Rules);
        }
        foreach (var binding in (await admin.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync()).Items.Where(b => Names(b.Subjects)))
        {
            var ns = binding.Metadata.NamespaceProperty;
            if (binding.RoleRef.Kind == "ClusterRole")
            {
                var role = await admin.RbacAuthorizationV1.ReadClusterRoleAsync(binding.RoleRef.Name);
                Add(ns, $"ClusterRole {role.Metadata.Name} in {ns}", role.Rules);
            }
            else
            {
                var role = await admin.RbacAuthorizationV1.ReadNamespacedRoleAsync(binding.RoleRef.Name, ns);
                Add(ns, $"Role {ns}/{role.Metadata.Name}", role.Rules);
            }
        }
        Assert.True(wildcards.Count == 0, $"system:serviceaccount:{@namespace}:{name} is granted wildcards: {string.Join("; ", wildcards)}");
        return scopes.ToDictionary(p => p.Key, p => (IReadOnlySet<Permission>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Asserts that the ServiceAccount holds exactly <paramref name="expected"/> (scope → permissions), and no wildcard.</summary>
    public static async Task AssertExactlyAsync(IKubernetes admin, string @namespace, string name, IReadOnlyDictionary<string, IReadOnlySet<Permission>> expected)
    {
        var actual = await OfServiceAccountAsync(admin, @namespace, name);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal).Select(Scope), actual.Keys.Order(StringComparer.Ordinal).Select(Scope));
        foreach (var (scope, permissions) in expected)
            OperatorAccess.AssertExactly(permissions, actual[scope], $"what system:serviceaccount:{@namespace}:{name} holds {Scope(scope)}");
    }

    private static string Scope(string scope) => scope == ClusterWide ? "cluster-wide" : $"in namespace {scope}";
}
