using CsCheck;
using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Prometheus.Support;

namespace SloScaler.Operator.Tests.Prometheus;

public sealed class PrometheusResponseParserTests
{
    public static TheoryData<string, double> FiniteSamples => new()
    {
        { PromJson.Vector("1"), 1 },
        { PromJson.Vector("0"), 0 },
        { PromJson.Vector("42.5"), 42.5 },
        { PromJson.Vector("-3"), -3 },
        { PromJson.Vector("1e+06"), 1_000_000 },          // Go writes large values with an exponent
        { PromJson.Vector("1.5E-3"), 0.0015 },
        { PromJson.Vector("-2.5e-07"), -0.00000025 },
        { PromJson.Vector("1.7976931348623157e+308"), double.MaxValue },
        { PromJson.Scalar("7"), 7 },
        { PromJson.Scalar("0.25"), 0.25 },
        { PromJson.Success("vector", $"[{{\"metric\":{{}},\"value\":[{PromJson.Time},3.25]}}]"), 3.25 }, // a bare number
    };

    [Theory]
    [MemberData(nameof(FiniteSamples))]
    public void Parse_SingleFiniteSample_IsValue(string body, double expected)
    {
        var reading = PrometheusResponseParser.Parse(200, body);

        Assert.Equal(MetricReadingKind.Value, reading.Kind);
        Assert.Equal(expected, reading.Value);
        Assert.True(reading.IsKnown);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void Parse_NaNSample_IsNotANumber(string value)
    {
        Assert.Equal(MetricReadingKind.NotANumber, PrometheusResponseParser.Parse(200, PromJson.Vector(value)).Kind);
        Assert.Equal(MetricReadingKind.NotANumber, PrometheusResponseParser.Parse(200, PromJson.Scalar(value)).Kind);
    }

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("1e400", double.PositiveInfinity)] // overflows a double, as Go's ParseFloat would
    public void Parse_InfiniteSample_IsInfiniteWithItsSign(string value, double expected)
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Vector(value));

        Assert.Equal(MetricReadingKind.Infinite, reading.Kind);
        Assert.Equal(expected, reading.Value);
        Assert.False(reading.IsKnown);
    }

    [Fact]
    public void Parse_NoSeries_IsEmpty()
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Vector());

        Assert.Equal(MetricReadingKind.Empty, reading.Kind);
        Assert.Null(reading.KnownValue);
    }

    [Theory]
    [InlineData(2, "the query returned 2 series", "{pod=\"p0\"}, {pod=\"p1\"}")]
    [InlineData(8, "the query returned 8 series", "{pod=\"p4\"} and 3 more")] // five named, the rest counted
    public void Parse_SeveralSeries_IsMultipleSeriesNamingTheirLabels(int count, string counted, string named)
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Vector([.. Enumerable.Repeat("1", count)]));

        Assert.Equal(MetricReadingKind.MultipleSeries, reading.Kind);
        Assert.Contains(counted, reading.Detail);
        Assert.Contains(named, reading.Detail);
        Assert.DoesNotContain("p5", reading.Detail);
    }

    [Fact]
    public void Parse_SeveralSeries_WritesLabelsAsPromQlDoes()
    {
        var body = PromJson.VectorOf(
            ("{\"__name__\":\"up\",\"job\":\"api\",\"instance\":\"a:9090\"}", "1"),
            ("{\"path\":\"/say \\\"hi\\\"\"}", "0"),
            ("{}", "0"));

        var reading = PrometheusResponseParser.Parse(200, body);

        Assert.Equal(MetricReadingKind.MultipleSeries, reading.Kind);
        Assert.EndsWith("up{job=\"api\", instance=\"a:9090\"}, {path=\"/say \\\"hi\\\"\"}, {}", reading.Detail);
    }

    [Theory]
    [InlineData(422, "execution", "query processing would load too many samples into memory")]
    [InlineData(503, "timeout", "query timed out in expression evaluation")]
    [InlineData(503, "canceled", "query was canceled")]
    public void Parse_PrometheusErrorAnswer_IsErrorWithStatusAndItsOwnMessage(int status, string errorType, string message)
    {
        var reading = PrometheusResponseParser.Parse(status, PromJson.Error(errorType, message));

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.StartsWith($"HTTP {status}", reading.Detail);
        Assert.EndsWith($"{errorType}: {message}", reading.Detail);
    }

    [Fact]
    public void Parse_BadDataAnswer_IsRejectedWithStatusAndItsOwnMessage()
    {
        var reading = PrometheusResponseParser.Parse(400, PromJson.Error("bad_data", "invalid parameter 'query': 1:5: parse error: unexpected character"));

        Assert.Equal(MetricReading.Rejected("HTTP 400 Bad Request: bad_data: invalid parameter 'query': 1:5: parse error: unexpected character"), reading);
    }

    [Fact]
    public void Parse_ErrorStatusWithSuccessfulHttpCode_IsErrorWithItsMessage()
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Error("execution", "too many samples"));

        Assert.Equal(MetricReading.Failed("execution: too many samples"), reading);
    }

    [Fact]
    public void Parse_BadDataWithSuccessfulHttpCode_IsRejectedWithItsMessage()
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Error("bad_data", "1:1: parse error"));

        Assert.Equal(MetricReading.Rejected("bad_data: 1:1: parse error"), reading);
    }

    [Theory]
    [InlineData(503, "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>nginx</center></body></html>",
        "HTTP 503 Service Unavailable: an HTML page \"503 Service Temporarily Unavailable\"")]
    [InlineData(502, "", "HTTP 502 Bad Gateway: an empty body")]
    [InlineData(404, "404 page not found\n", "HTTP 404 Not Found: \"404 page not found\"")]
    [InlineData(401, "<!DOCTYPE html><html><body>Sign in</body></html>", "HTTP 401 Unauthorized: an HTML page")]
    [InlineData(400, "{}", "HTTP 400 Bad Request: \"{}\"")]
    [InlineData(599, "upstream  connect\terror", "HTTP 599: \"upstream connect error\"")]
    public void Parse_HttpFailureWithoutPrometheusError_IsErrorNamingStatusAndBody(int status, string body, string expected)
    {
        Assert.Equal(MetricReading.Failed(expected), PrometheusResponseParser.Parse(status, body));
    }

    [Theory]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vec", "malformed JSON")]
    [InlineData("not json at all", "malformed JSON")]
    [InlineData("<html><title>Log in</title></html>", "got an HTML page \"Log in\"")]
    [InlineData("", "an empty body")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("null", "expected a JSON object")]
    [InlineData("{\"status\":\"success\"}", "without a data object")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}", "without a result")]
    [InlineData("{\"data\":{\"resultType\":\"vector\",\"result\":[]}}", "unknown status \"(none)\"")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}", "not a list")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}", "no sample value")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[]}]}}", "not a [time, value] pair")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[\"1\"]}]}}", "not a [time, value] pair")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,null]}]}}", "is null, not a number")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"abc\"]}]}}", "\"abc\" is not a number")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[7]}}", "not an object")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"histogram\":[1,{}]}]}}", "native histogram")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":\"1\"}}", "not a [time, value] pair")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"exemplars\",\"result\":[]}}", "unknown result type \"exemplars\"")]
    [InlineData("{\"status\":\"pending\",\"data\":{}}", "unknown status \"pending\"")]
    public void Parse_MalformedAnswer_IsErrorNeverThrows(string body, string expected)
    {
        var reading = PrometheusResponseParser.Parse(200, body);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains(expected, reading.Detail);
    }

    [Theory]
    [InlineData("matrix", "[{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]", "a range vector (matrix)")]
    [InlineData("string", "[1435781451.781,\"hello\"]", "a string")]
    public void Parse_RangeVectorOrStringResult_IsErrorAskingForInstantVectorOrScalar(string resultType, string result, string what)
    {
        var reading = PrometheusResponseParser.Parse(200, PromJson.Success(resultType, result));

        Assert.Equal(MetricReading.Failed($"the query returned {what}; it must return an instant vector or a scalar"), reading);
    }

    [Fact]
    public void Parse_AnyNon2xxStatus_IsErrorNamingTheStatus()
    {
        Gen.Select(Gen.OneOf(Gen.Int[100, 199], Gen.Int[300, 599]), Gen.OneOf(Gen.String, Gen.Double.Select(v => PromJson.Vector(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))))
            .Sample((status, body) =>
            {
                var reading = PrometheusResponseParser.Parse(status, body);
                return reading.Kind == MetricReadingKind.Error
                    && double.IsNaN(reading.Value)
                    && reading.Detail?.StartsWith($"HTTP {status}", StringComparison.Ordinal) == true; // even when the body holds a good answer
            });
    }

    [Fact]
    public void Parse_AnyCutOfAGoodAnswer_IsErrorAndTheWholeAnswerIsItsValue()
    {
        Gen.Select(Gen.Double.Where(double.IsFinite), Gen.Int[0, 1000]).Sample((value, cut) =>
        {
            var body = PromJson.Vector(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            var at = cut % body.Length;
            var truncated = PrometheusResponseParser.Parse(200, body[..at]);
            return truncated.Kind == MetricReadingKind.Error
                && !string.IsNullOrWhiteSpace(truncated.Detail)
                && PrometheusResponseParser.Parse(200, body) == MetricReading.Of(value);
        });
    }

    [Fact]
    public void Parse_AnyTextThatIsNotAnAnswer_IsErrorSayingWhatCame()
    {
        Gen.String.Where(body => !body.TrimStart().StartsWith('{')).Sample(body =>
        {
            var reading = PrometheusResponseParser.Parse(200, body);
            return reading.Kind == MetricReadingKind.Error
                && (reading.Detail?.StartsWith("expected a JSON", StringComparison.Ordinal) == true
                    || reading.Detail?.StartsWith("malformed JSON from Prometheus", StringComparison.Ordinal) == true);
        });
    }

    [Fact]
    public void Parse_AnyFiniteDoubleAsGoFormatsIt_RoundTrips()
    {
        Gen.Double.Where(double.IsFinite).Sample(value =>
        {
            var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return PrometheusResponseParser.Parse(200, PromJson.Vector(text)) == MetricReading.Of(value);
        });
    }
}
