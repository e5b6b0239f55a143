using Microsoft.AspNetCore.WebUtilities;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// A request as it passed the proxy: what the checks of the request read (the body decoded, as far as it was kept;
/// <see cref="BodyNotValidated"/> says why it is not judged: too large, or an encoding the proxy cannot undo).
/// </summary>
public sealed record ProxiedRequest(
    string Method,
    string Path,
    string Query,
    string? Authorization,
    string? Accept,
    string? ContentType,
    string Body,
    long BodyBytes,
    string? BodyNotValidated)
{
    public bool HasBody => BodyBytes > 0;

    public string PathAndQuery => Path + Query;

    /// <summary>The media type the request asks the answer in (Accept): XML when it names XML before JSON, else JSON.</summary>
    public BodyFormat AnswerFormat
    {
        get
        {
            if (Accept is null) return BodyFormat.Json;
            var json = Accept.IndexOf("application/json", StringComparison.OrdinalIgnoreCase);
            var xml = Math.Max(Accept.IndexOf("application/xml", StringComparison.OrdinalIgnoreCase), Accept.IndexOf("text/xml", StringComparison.OrdinalIgnoreCase));
            return xml >= 0 && (json < 0 || xml < json) ? BodyFormat.Xml : BodyFormat.Json;
        }
    }

    /// <summary>True when Accept names no media type the API writes (nor */*): the contract's 406.</summary>
    public bool AcceptsNothingWritten =>
        Accept is { Length: > 0 } accept
        && !accept.Split(',').Select(a => a.Split(';')[0].Trim()).Any(a =>
            a is "*/*" or "application/*" or "text/*" || BodyFormats.FromMediaType(a) is not null);
}

/// <summary>What a check of a request may look at: the request, where it landed in the contract, the profile.</summary>
public sealed record RequestContext(ProxiedRequest Request, RouteMatch Route, TargetProfile Profile)
{
    public ContractOperation Operation => Route.Operation!;
}

/// <summary>A check of a request (the other direction of <see cref="ICheck"/>): one small named function with one job.</summary>
public interface IRequestCheck : INamedCheck
{
    CheckVerdict Run(RequestContext context);
}

/// <summary>The checks every request to an operation of the contract goes through, in order.</summary>
public static class RequestCheckSet
{
    public static readonly IReadOnlyList<IRequestCheck> All =
    [
        new CredentialsPresent(),
        new MediaTypesSpoken(),
        new ParametersValid(),
        new BodyConformsToRequestSchema(),
    ];

    /// <summary>The route check alone: for a request whose path is the contract's but whose method is not.</summary>
    public static readonly IRequestCheck Route = new MethodDocumented();

    public static IReadOnlyList<CheckVerdict> Run(RequestContext context) =>
        context.Route.Operation is null ? [Guarded(Route, context)] : [.. All.Select(c => Guarded(c, context))];

    private static CheckVerdict Guarded(IRequestCheck check, RequestContext context)
    {
        try { return check.Run(context); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return check.Fail($"could not judge the request: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}

/// <summary>The method is one the path takes (else the contract documents a 405).</summary>
public sealed class MethodDocumented : IRequestCheck
{
    public string Name => "request-route";

    public CheckVerdict Run(RequestContext c)
    {
        var methods = string.Join(", ", c.Route.PathOperations.Select(o => o.Method));
        return c.Route.Operation is not null
            ? this.Pass($"{c.Request.Method} {c.Route.Operation.PathTemplate} is {c.Route.Operation.OperationId}")
            : this.Fail($"{c.Request.Method} is not documented on {c.Route.PathOperations[0].PathTemplate} (it takes {methods})", methods, c.Request.Method);
    }
}

/// <summary>The request carries credentials of a scheme the contract documents (Basic, App, IBSSO, Bearer).</summary>
public sealed class CredentialsPresent : IRequestCheck
{
    /// <summary>The contract's securitySchemes, as the Authorization header names them.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["Basic", "App", "IBSSO", "Bearer"];

    public string Name => "request-credentials";

    public CheckVerdict Run(RequestContext c)
    {
        var expected = $"Authorization: {string.Join(", ", Schemes)} <value>";
        if (c.Request.Authorization is not { Length: > 0 } authorization)
            return this.Fail("the request carries no Authorization header (the contract answers 401)", expected, "(none)");
        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        var scheme = Schemes.FirstOrDefault(s => s.Equals(parts[0], StringComparison.OrdinalIgnoreCase));
        if (scheme is null) return this.Fail($"the Authorization scheme '{Clip(parts[0])}' is none the contract documents", expected, $"scheme {Clip(parts[0])}");
        return parts.Length < 2 || parts[1].Length == 0
            ? this.Fail($"the Authorization header names {scheme} but carries no value", expected, $"{scheme} with no value")
            : this.Pass($"{scheme} credentials");
    }

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

/// <summary>A body is sent as JSON or XML, and Accept names a media type the API writes (else 415 / 406).</summary>
public sealed class MediaTypesSpoken : IRequestCheck
{
    public string Name => "request-media-type";

    public CheckVerdict Run(RequestContext c)
    {
        var r = c.Request;
        if (r.HasBody && BodyFormats.FromMediaType(r.ContentType) is null)
            return this.Fail($"the body's Content-Type {r.ContentType ?? "(none)"} is neither application/json nor application/xml (the contract answers 415)",
                "application/json or application/xml", r.ContentType ?? "(none)");
        if (r.AcceptsNothingWritten)
            return this.Fail($"Accept {r.Accept} names no media type the API writes (the contract answers 406)", "application/json or application/xml", r.Accept);
        return this.Pass($"answer asked in {r.AnswerFormat.MediaType()}{(r.HasBody ? $", body {BodyFormats.FromMediaType(r.ContentType)!.Value.MediaType()}" : "")}");
    }
}

/// <summary>The query parameters the contract requires are there with a value, and booleans are true or false.</summary>
public sealed class ParametersValid : IRequestCheck
{
    public string Name => "request-parameters";

    public CheckVerdict Run(RequestContext c)
    {
        if (c.Operation.QueryParameters.Count == 0) return this.NotApplicable("the operation takes no query parameters");
        var query = QueryHelpers.ParseQuery(c.Request.Query);
        var problems = new List<string>();
        foreach (var parameter in c.Operation.QueryParameters)
        {
            var given = query.TryGetValue(parameter.Name, out var values);
            var value = given ? values.ToString() : null;
            if (!given)
            {
                if (parameter.Required) problems.Add($"{parameter.Name} is required");
            }
            else if (value is not { Length: > 0 }) problems.Add($"{parameter.Name} is given with no value");
            else if (parameter.IsBoolean && value is not ("true" or "false")) problems.Add($"{parameter.Name} must be true or false, not '{value}'");
        }
        return problems.Count == 0
            ? this.Pass("the query parameters are the contract's")
            : this.Fail($"the query breaks the contract: {string.Join("; ", problems)} (the contract answers 400)",
                string.Join(", ", c.Operation.QueryParameters.Select(p => p.Name + (p.Required ? " (required)" : ""))), c.Request.Query);
    }
}

/// <summary>
/// The body validates against the contract's request schema, in JSON or XML (XML read through the contract's xml
/// names). A body that breaks only a rule the profile relaxes (or only our decisions, under <c>ourDecisions:
/// accepted</c>) is an accepted deviation, as the same request is for <c>tfc verify</c>.
/// </summary>
public sealed class BodyConformsToRequestSchema : IRequestCheck
{
    public string Name => "request-body";

    private const int MaxProblems = 20;

    public CheckVerdict Run(RequestContext c)
    {
        var (operation, r) = (c.Operation, c.Request);
        if (!operation.HasRequestBody)
            return r.HasBody ? this.Fail($"{operation.OperationId} takes no body, but {r.BodyBytes} bytes were sent", "no body", $"{r.BodyBytes} bytes") : this.NotApplicable("the operation takes no body");
        if (!r.HasBody)
            return operation.RequestBodyRequired
                ? this.Fail($"{operation.OperationId} requires a body (the contract answers 400)", "a body", "none")
                : this.Pass("no body (optional)");
        if (BodyFormats.FromMediaType(r.ContentType) is not { } format) return this.NotApplicable("the body's media type is none the API reads (request-media-type)");
        if (r.BodyNotValidated is { } why) return this.NotApplicable(why);
        var problems = operation.RequestSchema(format).Validate(r.Body, format);
        if (problems.Count == 0) return this.Pass($"conforms to the {format} request schema");
        var reason = $"the body breaks the {format} request schema: {string.Join("; ", problems.Take(MaxProblems))}"
                     + (problems.Count > MaxProblems ? $"; … ({problems.Count - MaxProblems} more)" : "");
        var proxied = new ContractCase(operation, "proxied", format, [400], null, new ExampleBody("proxied", null, format, r.Body), new ExampleBody("proxied", 400, format, ""));
        Deviation? relaxing = null;
        try { relaxing = c.Profile.Relaxes(proxied); }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or System.Text.Json.JsonException) { }
        return relaxing is null
            ? this.Fail(reason, $"a body valid against the {operation.OperationId} request schema", CheckContext.Excerpt(r.Body))
            : new CheckVerdict(Name, Outcome.Accepted, $"{relaxing.Reason} ({reason})", Received: CheckContext.Excerpt(r.Body)) { Deviation = relaxing.Id };
    }
}
