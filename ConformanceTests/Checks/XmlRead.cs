using System.Xml;
using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// XML from a target, read so that no answer can stall or break the run: no DTDs, no external resolution, and no
/// nesting deeper than <see cref="MaxDepth"/> (parsing deep nesting costs time quadratic in the depth).
/// </summary>
public static class XmlRead
{
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>The document, or null when the text is not well-formed XML within the bounds.</summary>
    public static XDocument? Document(string text) => Parse(text, out _);

    /// <summary>The document, or null with why it cannot be read.</summary>
    public static XDocument? Parse(string text, out string? problem)
    {
        try
        {
            using (var scan = XmlReader.Create(new StringReader(text), Settings))
                while (scan.Read())
                    if (scan.Depth > MaxDepth)
                        throw new XmlException($"elements are nested deeper than the maximum depth of {MaxDepth}");
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            problem = null;
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
