using System.Text.Json;
using System.Xml;
using TwoFactorContracts.Bench.KestrelFloor;

// Usage: KestrelFloor --port N [--host 127.0.0.1]. Logging is off so the floor measures request handling only.
var port = ArgValue("--port") ?? "0";
var host = ArgValue("--host") ?? "127.0.0.1";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://{host}:{port}");
var app = builder.Build();
var store = new ApplicationStore();

const string Applications = "/2fa/2/applications";
app.MapGet(Applications, (HttpContext ctx) => Answer(ctx, (account, xml) =>
    xml ? WriteXml(ctx, 200, s => XmlFormat.WriteList(s, store.List(account)))
        : WriteJson(ctx, 200, store.List(account), FloorJson.Default.IReadOnlyListApplication)));

app.MapGet(Applications + "/{id}", (HttpContext ctx, string id) => Answer(ctx, (account, xml) =>
    store.Get(account, id) is { } found ? WriteApplication(ctx, 200, found, xml) : NotFound(ctx, xml)));

app.MapPost(Applications, (HttpContext ctx) => Answer(ctx, async (account, xml) =>
{
    if (await ReadRequest(ctx) is not { } request) { await Error(ctx, 400, "BAD_REQUEST", "malformed body", xml); return; }
    var (configuration, error) = ApplicationRules.Apply(request, ApplicationRules.Defaults);
    if (configuration is null) { await Error(ctx, 400, "BAD_REQUEST", error!, xml); return; }
    await WriteApplication(ctx, 200, store.Create(account, request.Name!, configuration, request.Enabled ?? true), xml);
}));

app.MapPut(Applications + "/{id}", (HttpContext ctx, string id) => Answer(ctx, async (account, xml) =>
{
    if (await ReadRequest(ctx) is not { } request) { await Error(ctx, 400, "BAD_REQUEST", "malformed body", xml); return; }
    string? error = null;
    var updated = store.Update(account, id, current =>
    {
        var (configuration, e) = ApplicationRules.Apply(request, current.Configuration);
        error = e;
        return configuration is null ? current : current with { Name = request.Name!, Enabled = request.Enabled ?? current.Enabled, Configuration = configuration };
    });
    if (updated is null) await NotFound(ctx, xml);
    else if (error is not null) await Error(ctx, 400, "BAD_REQUEST", error, xml);
    else await WriteApplication(ctx, 200, updated, xml);
}));

app.Run();

// Credentials first, then the negotiated format; the account is the credential, as in the mock.
static Task Answer(HttpContext ctx, Func<string, bool, Task> handle)
{
    var xml = ctx.Request.Headers.Accept.ToString().Contains("xml", StringComparison.OrdinalIgnoreCase);
    var auth = ctx.Request.Headers.Authorization.ToString();
    var space = auth.IndexOf(' ');
    var known = space > 0 && auth.AsSpan(0, space) is "Basic" or "App" or "IBSSO" or "Bearer" && space < auth.Length - 1;
    return known ? handle(auth, xml) : Error(ctx, 401, "UNAUTHORIZED", "Invalid login details", xml);
}

static async Task<ApplicationRequest?> ReadRequest(HttpContext ctx)
{
    try
    {
        if (ctx.Request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            buffer.Position = 0;
            return XmlFormat.ReadRequest(buffer);
        }
        return await JsonSerializer.DeserializeAsync(ctx.Request.Body, FloorJson.Default.ApplicationRequest);
    }
    catch (Exception e) when (e is JsonException or XmlException or FormatException or OverflowException)
    {
        return null;
    }
}

static Task WriteApplication(HttpContext ctx, int status, Application a, bool xml) =>
    xml ? WriteXml(ctx, status, s => XmlFormat.WriteApplication(s, a)) : WriteJson(ctx, status, a, FloorJson.Default.Application);

static Task NotFound(HttpContext ctx, bool xml) =>
    Error(ctx, 404, "APPLICATION_NOT_FOUND", "Application with given id cannot be found.", xml);

static Task Error(HttpContext ctx, int status, string messageId, string text, bool xml) =>
    xml ? WriteXml(ctx, status, s => XmlFormat.WriteError(s, messageId, text))
        : WriteJson(ctx, status, new ApiError(new RequestError(new ServiceException(messageId, text))), FloorJson.Default.ApiError);

static Task WriteJson<T>(HttpContext ctx, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
{
    ctx.Response.StatusCode = status;
    return ctx.Response.WriteAsJsonAsync(value, type);
}

static async Task WriteXml(HttpContext ctx, int status, Action<Stream> write)
{
    ctx.Response.StatusCode = status;
    ctx.Response.ContentType = "application/xml";
    using var buffer = new MemoryStream();
    write(buffer);
    ctx.Response.ContentLength = buffer.Length;
    await ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
}

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
