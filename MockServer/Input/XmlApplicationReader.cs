using System.Xml;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// Reads an XML application request. DTDs are refused and nothing external is resolved, so no entity can
/// expand or read a file. The root is the contract's request root (<c>request</c>) or today's API's
/// <c>ApplicationRequest</c>; an empty element counts as omitted for booleans and numbers.
/// </summary>
public sealed class XmlApplicationReader(IReadOnlyCollection<string> acceptedRoots)
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    public bool TryRead(ReadOnlyMemory<byte> body, out ParsedApplication parsed, out InputError? error)
    {
        parsed = new ParsedApplication();
        error = null;
        if (body.IsEmpty) { error = InputError.MissingBody; return false; }
        try
        {
            using var reader = XmlReader.Create(new ReadOnlyMemoryStream(body), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                error = InputError.Malformed("XML", "no root element");
                return false;
            }
            if (!acceptedRoots.Contains(reader.LocalName))
            {
                error = InputError.Malformed("XML", $"the root element must be one of <{string.Join(">, <", acceptedRoots)}>");
                return false;
            }
            ReadApplication(reader, parsed);
            // Read to the end so trailing garbage after the root is refused too.
            while (reader.Read()) { }
            return true;
        }
        catch (XmlException e)
        {
            error = InputError.Malformed("XML", e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "DTDs are not allowed"
                : e.Message);
            return false;
        }
    }

    private static void ReadApplication(XmlReader reader, ParsedApplication parsed)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            switch (reader.LocalName)
            {
                case "name":
                    if (TryReadText(reader, parsed, ApplicationField.Name, out var name)) parsed.Request.Name = name;
                    break;
                case "enabled":
                    if (TryReadText(reader, parsed, ApplicationField.Enabled, out var enabled) && enabled.Length > 0)
                    {
                        if (TryParseBoolean(enabled, out var value))
                        {
                            parsed.Request.Enabled = value;
                            parsed.Request.EnabledPresent = true;
                        }
                        else parsed.Violations.Add(new FieldViolation(ApplicationField.Enabled, "must be a boolean"));
                    }
                    break;
                case "configuration":
                    ReadConfiguration(reader, parsed);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        reader.ReadEndElement();
    }

    private static void ReadConfiguration(XmlReader reader, ParsedApplication parsed)
    {
        parsed.MarkPresent(Contract.ConfigurationFields.None);
        if (reader.IsEmptyElement) { reader.Read(); return; }
        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            var field = ApplicationFields.ConfigurationFieldNamed(reader.LocalName);
            if (field is null) { reader.Skip(); continue; }
            if (!TryReadText(reader, parsed, field.Value, out var text)) continue;
            switch (field.Value)
            {
                case ApplicationField.PinAttempts:
                    if (text.Length == 0) break;
                    if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var attempts))
                        parsed.SetPinAttempts(attempts);
                    else parsed.Violations.Add(new FieldViolation(field.Value, "must be a 32-bit integer"));
                    break;
                case ApplicationField.AllowMultiplePinVerifications:
                    if (text.Length == 0) break;
                    if (TryParseBoolean(text, out var allow)) parsed.SetAllowMultiplePinVerifications(allow);
                    else parsed.Violations.Add(new FieldViolation(field.Value, "must be a boolean"));
                    break;
                default:
                    parsed.SetText(field.Value, text);
                    break;
            }
        }
        reader.ReadEndElement();
    }

    /// <summary>Reads an element's text; an element with child elements is a wrong type.</summary>
    private static bool TryReadText(XmlReader reader, ParsedApplication parsed, ApplicationField field, out string text)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            text = "";
            return true;
        }
        var depth = reader.Depth;
        reader.Read();
        var builder = (System.Text.StringBuilder?)null;
        var hasChildElement = false;
        text = "";
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (text.Length == 0 && builder is null) text = reader.Value;
                else (builder ??= new System.Text.StringBuilder(text)).Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                hasChildElement = true;
                reader.Skip();
                continue;
            }
            reader.Read();
        }
        reader.Read(); // past the end element
        if (builder is not null) text = builder.ToString();
        if (hasChildElement)
        {
            parsed.Violations.Add(new FieldViolation(field, field switch
            {
                ApplicationField.PinAttempts => "must be a 32-bit integer",
                ApplicationField.Enabled or ApplicationField.AllowMultiplePinVerifications => "must be a boolean",
                _ => "must be a string",
            }));
            return false;
        }
        if (field != ApplicationField.Name) text = text.Trim();
        return true;
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        if (text == "true") { value = true; return true; }
        if (text == "false") { value = false; return true; }
        value = false;
        return false;
    }
}

/// <summary>A read-only stream over memory the pipeline already holds (no copy).</summary>
internal sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => memory.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, memory.Length - _position);
        memory.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
