namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// <c>--pin-from https://…/pin?id={pinId}&amp;to={to}</c>: a GET to the URL with <c>{pinId}</c> and <c>{to}</c> filled
/// in (escaped); the answer is the PIN as text, <c>{"pin":"…"}</c>, or our outbox's JSON (another mock's outbox works).
/// </summary>
public sealed class UrlPinSource(string template, TimeSpan timeout) : IPinSource, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = timeout };

    public string Description => $"GET {Redacted(template)}";

    public static string Fill(string template, string pinId, string to) =>
        template.Replace("{pinId}", Uri.EscapeDataString(pinId), StringComparison.Ordinal)
            .Replace("{to}", Uri.EscapeDataString(to), StringComparison.Ordinal);

    public async Task<PinReading> ReadAsync(string pinId, string to, CancellationToken cancel)
    {
        var url = Fill(template, pinId, to);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(_http.Timeout); // the body too, not only the headers
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode) return PinReading.Failed($"{Description} answered {(int)response.StatusCode}");
            // Bounded and decoded whatever the charset says, like the target's answers (AnswerBody).
            var body = await AnswerBody.ReadAsync(response.Content, AnswerBody.Limit, deadline.Token);
            return body.TooLarge
                ? PinReading.Failed($"{Description} answered more than {AnswerBody.LimitText(AnswerBody.Limit)}, not a PIN")
                : PinAnswer.Parse(body.Text, pinId, Description);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            return PinReading.Failed($"{Description} got no answer: {e.Message}");
        }
    }

    /// <summary>The URL without its query and user info, which may carry a token.</summary>
    private static string Redacted(string url) =>
        Uri.TryCreate(url.Replace("{pinId}", "PINID").Replace("{to}", "TO"), UriKind.Absolute, out var u)
            ? $"{u.Scheme}://{u.Authority}{u.AbsolutePath.Replace("PINID", "{pinId}").Replace("TO", "{to}")}{(u.Query.Length > 0 ? "?…" : "")}"
            : "the --pin-from URL";

    public void Dispose() => _http.Dispose();
}
