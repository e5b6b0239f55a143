using System.Diagnostics.CodeAnalysis;
using System.Xml;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// Reads an XML application request. DTDs are refused and nothing external is resolved, so no entity can
/// expand or read a file. The root is the contract's request root (<c>request</c>) or today's API's
/// <c>ApplicationRequest</c>; an empty element counts as omitted for booleans and numbers. Element names
/// and kinds come from the field model.
/// </summary>
public sealed class XmlBodyReader(FieldModel model, IReadOnlyCollection<string> acceptedRoots)
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

    public bool TryRead(ReadOnlyMemory<byte> body, out ParsedBody parsed, [NotNullWhen(false)] out InputError? error)
    {
        parsed = new ParsedBody(model);
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
            ReadObject(reader, parsed, model.RequestTop);
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

    /// <summary>Reads the child elements of an element whose fields are <paramref name="fields"/>; unknown elements are skipped.</summary>
    private static void ReadObject(XmlReader reader, ParsedBody parsed, ModelField[] fields)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            var field = FieldNamed(fields, reader.LocalName);
            if (field is null) { reader.Skip(); continue; }
            if (field.Kind == FieldKind.Object)
            {
                parsed[field].Present = true;
                ReadObject(reader, parsed, field.Children);
                continue;
            }
            if (field.Kind == FieldKind.Map)
            {
                ReadMap(reader, parsed, field);
                continue;
            }
            if (!TryReadText(reader, parsed, field, out var text)) continue;
            switch (field.Kind)
            {
                case FieldKind.Int32:
                    if (text.Length == 0) break; // an empty element is left out
                    if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                        parsed.Set(field, FieldValue.Of(number));
                    else parsed.WrongType(field);
                    break;
                case FieldKind.Int64:
                    if (text.Length == 0) break;
                    if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var wide))
                        parsed.Set(field, FieldValue.Of(wide));
                    else parsed.WrongType(field);
                    break;
                case FieldKind.Number:
                    if (text.Length == 0) break;
                    if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real)
                        && double.IsFinite(real))
                        parsed.Set(field, FieldValue.OfDouble(real));
                    else parsed.WrongType(field);
                    break;
                case FieldKind.Boolean:
                    if (text.Length == 0) break;
                    if (TryParseBoolean(text, out var flag)) parsed.Set(field, FieldValue.Of(flag ? 1 : 0));
                    else parsed.WrongType(field);
                    break;
                default:
                    parsed.Set(field, FieldValue.Of(text));
                    break;
            }
        }
        reader.ReadEndElement();
    }

    /// <summary>A map (placeholders): each child element's name and text is one entry.</summary>
    private static void ReadMap(XmlReader reader, ParsedBody parsed, ModelField field)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (reader.IsEmptyElement) { reader.Read(); parsed.Set(field, new FieldValue { Present = true, Entries = entries }); return; }
        reader.ReadStartElement();
        var wrong = false;
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            var name = reader.LocalName;
            if (TryReadText(reader, parsed, field, out var text)) entries.Add(new(name, text));
            else wrong = true;
        }
        reader.ReadEndElement();
        if (!wrong) parsed.Set(field, new FieldValue { Present = true, Entries = entries });
    }

    private static ModelField? FieldNamed(ModelField[] fields, string name)
    {
        foreach (var field in fields)
            if (field.XmlName == name) return field;
        return null;
    }

    /// <summary>Reads an element's text; an element with child elements is a wrong type. Only strings keep surrounding space.</summary>
    private static bool TryReadText(XmlReader reader, ParsedBody parsed, ModelField field, out string text)
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
            parsed.WrongType(field);
            return false;
        }
        if (field.Kind != FieldKind.String) text = text.Trim();
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
