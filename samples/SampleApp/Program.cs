using System.Collections.Concurrent;
using System.Net.Http.Headers;
using SampleApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient<InfobipTwoFactorClient>(http =>
{
    // Infobip:BaseUrl, else the URL an Aspire AppHost hands out with WithReference(tfa) (samples/SampleAppHost), else Infobip's.
    http.BaseAddress = new Uri(builder.Configuration["Infobip:BaseUrl"] ?? builder.Configuration["services:tfa:http:0"] ?? "https://api.infobip.com/");
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", builder.Configuration["Infobip:ApiKey"] ?? "");
});
builder.Services.AddSingleton<LoginSetup>();
builder.Services.AddHealthChecks();   // /health: what an AppHost waits for before it sends users here
var app = builder.Build();
app.MapHealthChecks("/health");

// Once: the app's 2FA application and its message template.
app.MapPost("/setup", async (InfobipTwoFactorClient infobip, LoginSetup setup, CancellationToken cancel) =>
{
    var applicationId = await infobip.CreateApplicationAsync("sample app login", cancel);
    var messageId = await infobip.CreateTemplateAsync(applicationId, cancel);
    setup.Set(applicationId, messageId);
    return Results.Ok(new { applicationId, messageId });
});

// A login: send a PIN to the phone, then check the code the user typed.
app.MapPost("/login/send", async (SendRequest request, InfobipTwoFactorClient infobip, LoginSetup setup, CancellationToken cancel) =>
    setup.Current is not { } ids
        ? Results.Problem("POST /setup first", statusCode: 409)
        : Results.Ok(new { pinId = await infobip.SendPinAsync(ids.ApplicationId, ids.MessageId, request.Phone, cancel) }));

app.MapPost("/login/verify", async (VerifyRequest request, InfobipTwoFactorClient infobip, CancellationToken cancel) =>
    await infobip.VerifyAsync(request.PinId, request.Pin, cancel) ? Results.Ok(new { loggedIn = true }) : Results.Unauthorized());

app.Run();

namespace SampleApp
{
    public sealed record SendRequest(string Phone);

    public sealed record VerifyRequest(string PinId, string Pin);

    /// <summary>The application and template /setup created.</summary>
    public sealed class LoginSetup
    {
        private readonly ConcurrentDictionary<int, (string ApplicationId, string MessageId)> _ids = new();

        public (string ApplicationId, string MessageId)? Current => _ids.TryGetValue(0, out var ids) ? ids : null;

        public void Set(string applicationId, string messageId) => _ids[0] = (applicationId, messageId);
    }
}
