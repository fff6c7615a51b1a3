using k8s;

namespace SloScaler.Operator.KubernetesClient;

/// <summary>A finished API call: its HTTP status (0 when no answer arrived) and body (or the transport error's text).</summary>
internal sealed record ApiResult(int StatusCode, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsNotFound => StatusCode == 404;

    public bool IsConflict => StatusCode == 409;

    /// <summary>Worth another try: a conflict, throttling, a server error, or no answer.</summary>
    public bool IsRetriable => StatusCode is 0 or 409 or 429 or >= 500;

    /// <summary>The API server's own message (from its Status object) or a short description.</summary>
    public string Message => ApiErrors.Message(StatusCode, Body);

    public T? Read<T>() => KubernetesJson.Deserialize<T>(Body);
}
