using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The Content-Type is the media type the request asked for with Accept (parameters such as charset aside).</summary>
public sealed class ContentTypeIsNegotiated : ICheck
{
    public string Name => "content-type";

    public CheckVerdict Run(CheckContext c)
    {
        var expected = c.Expected.Format.MediaType();
        var received = c.Exchange.ContentType;
        var bare = received?.Split(';')[0].Trim();
        return string.Equals(bare, expected, StringComparison.OrdinalIgnoreCase)
            ? this.Pass($"{received}")
            : this.Fail($"Content-Type is {received ?? "missing"}, but {expected} was asked for", expected, received ?? "(none)");
    }
}
