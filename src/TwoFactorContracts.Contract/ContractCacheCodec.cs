using System.Text;

namespace TwoFactorContracts.Contract;

/// <summary>
/// The start-up cache's file format: the <see cref="ContractImage"/> field by field, in a fixed order, each string
/// length-prefixed and each list count-prefixed. No generic serializer, so a cold start compiles nothing to read it.
/// What it must hold is checked by <c>ContractCacheTests</c> (a cached document equals the parsed one member for member);
/// the file name carries the reader's build, so a changed codec never reads an older file.
/// </summary>
internal static class ContractCacheCodec
{
    private const int Magic = 0x31434654; // "TFC1"

    public static byte[] Write(ContractImage image)
    {
        using var stream = new MemoryStream();
        using (var w = new Writer(stream))
        {
            w.Int(Magic);
            w.XmlNames(image.XmlNames);
            w.Fields(image.Fields);
            w.List(image.Operations, w.Operation);
            w.List(image.Views.Fields, v => { w.Str(v.Body); w.Str(v.Item); w.Fields(v.Fields); });
            w.Map(image.Views.Answers, w.Answer);
            w.Map(image.Views.XmlRoots, w.XmlRoots);
            w.Optional(image.Views.SendOutcomes, w.SendOutcomes);
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a whole cache file.</exception>
    public static ContractImage Read(byte[] bytes)
    {
        try
        {
            using var r = new Reader(new MemoryStream(bytes, writable: false));
            if (r.Int() != Magic) throw new InvalidDataException("not a contract cache file");
            var names = r.XmlNames();
            var fields = r.Fields();
            var operations = r.List(r.Operation);
            var views = new ViewsImage(r.List(() => new FieldsView(r.Str(), r.Str(), r.Fields())), r.Map(r.Answer), r.Map(r.XmlRoots), r.Optional(r.SendOutcomes));
            if (r.BaseStream.Position != bytes.Length) throw new InvalidDataException("trailing bytes");
            return new ContractImage(names, fields, operations, views);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"a damaged contract cache file: {e.Message}", e);
        }
    }

    private sealed class Writer(Stream stream) : BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)
    {
        public void Int(int value) => Write(value);

        public void Bool(bool value) => Write(value);

        public void Str(string? value)
        {
            Write(value is not null);
            if (value is not null) Write(value);
        }

        public void Optional<T>(T? value, Action<T> write) where T : class
        {
            Write(value is not null);
            if (value is not null) write(value);
        }

        public void NullableInt(int? value) { Write(value.HasValue); if (value is { } v) Write(v); }

        public void NullableLong(long? value) { Write(value.HasValue); if (value is { } v) Write(v); }

        public void NullableDecimal(decimal? value) { Write(value.HasValue); if (value is { } v) Write(v); }

        public void List<T>(IReadOnlyCollection<T> items, Action<T> write)
        {
            Write(items.Count);
            foreach (var item in items) write(item);
        }

        public void Strings(IReadOnlyCollection<string> items) => List(items, Write);

        public void Map<T>(IReadOnlyDictionary<string, T> items, Action<T> write)
        {
            Write(items.Count);
            foreach (var (key, value) in items) { Write(key); write(value); }
        }

        public void XmlNames(ContractXmlNames n)
        {
            Write(n.RequestRoot); Write(n.ResponseRoot); Write(n.ListRoot); Write(n.ListItem); Write(n.ErrorRoot);
        }

        public void Fields(ContractFields fields)
        {
            List(fields.All, Field);
            Str(fields.IdField);
        }

        private void Field(ContractField f)
        {
            Write(f.Path); Write(f.JsonName); Write(f.XmlName); Write((int)f.Kind); Str(f.Parent);
            Write(f.InRequest); Write(f.InResponse); Write(f.Required); Write(f.Nullable);
            Str(f.Default); Str(f.Pattern); NullableLong(f.Minimum); NullableLong(f.Maximum); Write(f.ResponseOrder);
            Optional(f.Enum, Strings); NullableDecimal(f.ExactMinimum); NullableDecimal(f.ExactMaximum); Str(f.PatternText);
            NullableInt(f.MinLength); NullableInt(f.MaxLength);
        }

        public void Operation(OperationImage o)
        {
            Write(o.OperationId); Write(o.Tag); Write(o.Method); Write(o.PathTemplate);
            List(o.PathParameters, Parameter);
            List(o.QueryParameters, Parameter);
            List(o.RequestExamples, Example);
            List(o.Responses, Response);
            Optional(o.Throttling, t => { Write(t.Requests); Write(t.Window.Ticks); });
            Write(o.RequestBodyRequired);
            Strings(o.RequiredRequestFields);
            List(o.RuleSources.ToList(), r => { Write(r.Key.Field); Write(r.Key.Facet); Source(r.Value); });
        }

        private void Parameter(ContractParameter p)
        {
            Write(p.Name); Write(p.Required); Map(p.Examples, Write); Str(p.Default); Write(p.IsBoolean);
        }

        private void Example(ExampleBody e)
        {
            Write(e.Name); NullableInt(e.Status); Write((int)e.Format); Write(e.Text);
        }

        private void Response(ContractResponse r)
        {
            Write(r.Status); Write(r.Description); List(r.Examples, Example); Optional(r.Source, Source);
            List(r.ExampleSources.ToList(), s => { Write(s.Key.Name); Write((int)s.Key.Format); Source(s.Value); });
        }

        private void Source(ContractSource s)
        {
            Write((int)s.Kind); Str(s.Decision);
        }

        public void Answer(ContractAnswer a)
        {
            List(a.Fields, AnswerField);
            Write(a.XmlRoot);
        }

        private void AnswerField(AnswerField f)
        {
            Write(f.JsonName); Write(f.XmlName); Write((int)f.Kind); Str(f.Default); List(f.Items, AnswerField); Str(f.ItemXmlName);
        }

        public void XmlRoots(ContractXmlRoots r)
        {
            Str(r.Request); Str(r.Response); Str(r.ResponseItem); Strings(r.RequestAlso); Str(r.ResponseList);
        }

        public void SendOutcomes(ContractSendOutcomes o)
        {
            List(o.Sms, Outcome); Strings(o.CallStatuses); Map(o.TestRecipients, Outcome);
        }

        private void Outcome(DocumentedOutcome o)
        {
            Write(o.Example); Str(o.NcStatus); Str(o.SmsStatus); Str(o.CallStatus);
        }
    }

    private sealed class Reader(Stream stream) : BinaryReader(stream, Encoding.UTF8, leaveOpen: false)
    {
        public int Int() => ReadInt32();

        public string? Str() => ReadBoolean() ? ReadString() : null;

        public T? Optional<T>(Func<T> read) where T : class => ReadBoolean() ? read() : null;

        private int? NullableInt() => ReadBoolean() ? ReadInt32() : null;

        private long? NullableLong() => ReadBoolean() ? ReadInt64() : null;

        private decimal? NullableDecimal() => ReadBoolean() ? ReadDecimal() : null;

        private T Kind<T>() where T : struct, Enum
        {
            var value = (T)(object)ReadInt32();
            return System.Enum.IsDefined(value) ? value : throw new InvalidDataException($"no {typeof(T).Name} {value}");
        }

        public List<T> List<T>(Func<T> read)
        {
            var count = Count();
            var items = new List<T>(count);
            for (var i = 0; i < count; i++) items.Add(read());
            return items;
        }

        private List<string> Strings() => List(ReadString);

        public Dictionary<string, T> Map<T>(Func<T> read)
        {
            var count = Count();
            var items = new Dictionary<string, T>(count);
            for (var i = 0; i < count; i++) items.Add(ReadString(), read());
            return items;
        }

        private int Count()
        {
            var count = ReadInt32();
            return count >= 0 && count <= BaseStream.Length - BaseStream.Position ? count : throw new InvalidDataException($"a count of {count}");
        }

        public ContractXmlNames XmlNames() => new(ReadString(), ReadString(), ReadString(), ReadString(), ReadString());

        public ContractFields Fields() => new(List(Field), Str());

        private ContractField Field() => new(
            Path: ReadString(), JsonName: ReadString(), XmlName: ReadString(), Kind: Kind<FieldKind>(), Parent: Str(),
            InRequest: ReadBoolean(), InResponse: ReadBoolean(), Required: ReadBoolean(), Nullable: ReadBoolean(),
            Default: Str(), Pattern: Str(), Minimum: NullableLong(), Maximum: NullableLong(), ResponseOrder: ReadInt32(),
            Enum: Optional(Strings), ExactMinimum: NullableDecimal(), ExactMaximum: NullableDecimal(), PatternText: Str(),
            MinLength: NullableInt(), MaxLength: NullableInt());

        public OperationImage Operation() => new(ReadString(), ReadString(), ReadString(), ReadString(),
            List(Parameter), List(Parameter), List(Example), List(Response),
            Optional(() => new Throttling(ReadInt32(), TimeSpan.FromTicks(ReadInt64()))),
            ReadBoolean(), Strings(),
            List(() => (Field: ReadString(), Facet: ReadString(), Source: Source())).ToDictionary(r => (r.Field, r.Facet), r => r.Source));

        private ContractParameter Parameter() => new(ReadString(), ReadBoolean(), Map(ReadString)) { Default = Str(), IsBoolean = ReadBoolean() };

        private ExampleBody Example() => new(ReadString(), NullableInt(), Kind<BodyFormat>(), ReadString());

        private ContractResponse Response() => new(ReadInt32(), ReadString(), List(Example))
        {
            Source = Optional(Source),
            ExampleSources = List(() => (Name: ReadString(), Format: Kind<BodyFormat>(), Source: Source())).ToDictionary(s => (s.Name, s.Format), s => s.Source),
        };

        private ContractSource Source() => new(Kind<SourceKind>(), Str());

        public ContractAnswer Answer() => new(List(AnswerField), ReadString());

        private AnswerField AnswerField() => new(ReadString(), ReadString(), Kind<AnswerKind>(), Str()) { Items = List(AnswerField), ItemXmlName = Str() };

        public ContractXmlRoots XmlRoots() => new(Str(), Str(), Str()) { RequestAlso = Strings(), ResponseList = Str() };

        public ContractSendOutcomes SendOutcomes() => new(List(Outcome), Strings(), Map(Outcome));

        private DocumentedOutcome Outcome() => new(ReadString(), Str(), Str(), Str());
    }
}
