namespace TwoFactorContracts.MockServer.Core;

/// <summary>
/// An answer a request stage gives instead of going on: the HTTP status and the API envelope's messageId and
/// text. Each stage has its own subclass; fixed errors are static instances whose rendered bodies are cached.
/// </summary>
public abstract class StageError(int status, string messageId, string text)
{
    public int Status { get; } = status;
    public string MessageId { get; } = messageId;
    public string Text { get; } = text;

    /// <summary>Extra response headers (e.g. Allow on 405).</summary>
    public virtual KeyValuePair<string, string>? Header => null;

    internal byte[]? RenderedJson;
    internal byte[]? RenderedXml;

    /// <summary>A value the client sent, shortened for quoting in an error text: an answer never echoes a huge header.</summary>
    protected static string Shorten(string clientValue) =>
        clientValue.Length <= MaxQuoted ? clientValue : clientValue[..MaxQuoted] + "...";

    private const int MaxQuoted = 100;

    public override string ToString() => $"{Status} {MessageId}: {Text}";
}

/// <summary>A defect in the mock: 500 in the API's envelope.</summary>
public sealed class GeneralError : StageError
{
    private GeneralError() : base(500, "GENERAL_ERROR", "Something went wrong. Please contact support.") { }

    public static readonly GeneralError Instance = new();
}
