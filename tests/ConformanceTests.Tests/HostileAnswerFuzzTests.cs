using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Runner.Flow;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// The readers fuzzed directly (issue 20): random bytes and the contract's documented answers mutated (cut short, bytes
/// flipped, wrapped in arrays, values replaced by other kinds, names duplicated, nested deep) are fed to every check
/// with every expectation set, JSON and XML, under both shipped profiles. No exception may escape, and no check may
/// need CheckSet's guard: each reader itself takes any answer. Fixed seeds, bounded iterations.
/// </summary>
public class HostileAnswerFuzzTests
{
    private const int Iterations = 2_000;
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly TargetProfile[] Profiles = [TargetProfile.Load(TargetProfile.Seed), TargetProfile.Load(TargetProfile.Today)];

    private static readonly IReadOnlyList<(ContractOperation Operation, int Status, ExampleBody Example)> Examples =
        [.. Contract.AllOperations.SelectMany(o => o.Responses.SelectMany(r => r.Examples.Select(e => (o, r.Status, e))))];

    /// <summary>Values of every kind a mutation puts where another was: the shapes JsonNode's accessors throw on.</summary>
    private static readonly string[] OtherKinds =
    [
        "[]", "[1, {\"a\": []}]", "{}", "{\"requestError\": []}", "42", "-0.0", "1e999", "123456789012345678901234567890", "true", "null",
        "\"\"", "\"\\ud800\"", "\"\\udc00x\"", "\"120000000000000000000000d\"", "\"1/99999999999999999999h\"", "\"2h\"",
        new string('[', 70) + new string(']', 70),
    ];

    [Fact]
    public void Mutated_documented_answers_never_make_a_reader_or_check_throw()
    {
        var random = new Random(20);
        var kinds = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var (operation, status, example) = Examples[random.Next(Examples.Count)];
            var (body, mutation) = Mutate(example, random);
            kinds[mutation] = kinds.GetValueOrDefault(mutation) + 1;
            // Mostly the format the example is in; sometimes the other (JSON read as XML and the reverse).
            var format = random.Next(5) == 0 ? Other(example.Format) : example.Format;
            Judge(operation, status, format, body, random, $"iteration {i}: {mutation} of {operation.OperationId} {example}");
        }
        kinds.Count.ShouldBeGreaterThan(6, "every kind of mutation ran");
    }

    [Fact]
    public void Random_bytes_in_any_charset_never_make_a_reader_or_check_throw()
    {
        var random = new Random(21);
        string?[] contentTypes = [null, "application/json", "application/xml", "application/json; charset=bogus", "application/xml; charset=utf-16",
            "text/html; charset=iso-8859-1", "application/json; charset=\"utf-8\"", ";;;", "application/json; charset=", "*/*"];
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            // Some start like JSON or XML, so the parsers get past the first byte.
            if (bytes.Length > 1 && random.Next(3) == 0) bytes[0] = (byte)"{[<\"-1tn"[random.Next(8)];
            var contentType = contentTypes[random.Next(contentTypes.Length)];
            var text = AnswerBody.Decode(bytes, contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.CharSet : null);
            _ = AnswerBody.UnknownCharset(contentType);
            var (operation, status, example) = Examples[random.Next(Examples.Count)];
            Judge(operation, status, random.Next(2) == 0 ? BodyFormat.Json : BodyFormat.Xml, text, random, $"iteration {i}: {bytes.Length} random bytes", contentType);
        }
    }

    /// <summary>Every reader and check on one body: nothing throws, and no verdict is the guard's.</summary>
    private static void Judge(ContractOperation operation, int status, BodyFormat format, string body, Random random, string what, string? contentType = "")
    {
        var answered = random.Next(6) switch
        {
            0 => (int?)random.Next(100, 600),
            1 => 200,
            _ => status,
        };
        var exchange = new Exchange(new PlannedRequest("GET", "/fuzz", format), answered, contentType == "" ? format.MediaType() : contentType, body, null, TimeSpan.Zero);
        var expected = Everything(status, format, random);
        var profile = Profiles[random.Next(Profiles.Length)];
        var context = new CheckContext(operation, exchange, expected, random.Next(2) == 0 ? ConformanceMode.Strict : ConformanceMode.Lenient, profile);

        IReadOnlyList<CheckVerdict> verdicts = [];
        Should.NotThrow(() =>
        {
            verdicts = ProfileReview.Apply(profile, "fuzz/case", context, CheckSet.Run(context));
            _ = context.Values;
            _ = JsonRead.Parse(body);
            _ = ErrorEnvelope.Of(JsonRead.TryParse(body));
            _ = PinAnswer.Parse(body, "PIN-ID", "fuzz");
            _ = Durations.Normalised(body.Length > 40 ? body[..40] : body);
            _ = Durations.ParseLimit(body.Length > 40 ? body[..40] : body);
            foreach (var v in verdicts) _ = v.ToString();
        }, what);
        var guarded = verdicts.Where(v => v.Reason.StartsWith(CheckSet.CouldNotJudge, StringComparison.Ordinal)).ToList();
        guarded.ShouldBeEmpty($"{what}: a check threw:\n{string.Join("\n", guarded)}\nbody: {CheckContext.Excerpt(body, 500)}");
        verdicts.Count.ShouldBeGreaterThan(0);
    }

    /// <summary>An expectation with every field set, so every check reads the body.</summary>
    private static Expectation Everything(int status, BodyFormat format, Random random) => new Expectation([status], format).With(
        new ExpectedApplication(new JsonObject
        {
            ["name"] = "tfc-conformance-fuzz",
            ["enabled"] = true,
            ["configuration"] = new JsonObject { ["pinAttempts"] = 7, ["pinTimeToLive"] = "2h", ["verifyPinLimit"] = "1/3s" },
        }),
        new ExpectedListMembers([new JsonObject { ["applicationId"] = "0123456789ABCDEF", ["name"] = "tfc-conformance-fuzz" }]),
        new ExpectedError("BAD_REQUEST", "Bad request"),
        new ExpectedExample(JsonNode.Parse("""{"applicationId": "x", "configuration": {"pinAttempts": 10}}""")!),
        new ExpectedVerification("PIN-ID", random.Next(2) == 0, "WRONG_PIN", 2, random.Next(2) == 0 ? 3 : null),
        new ExpectedPin("447700900123", random.Next(2) == 0 ? "PIN-ID" : null),
        new ExpectedTemplate(new JsonObject { ["messageText"] = "Your code is {{pin}}", ["pinLength"] = 6 }),
        new ExpectedTemplatesListed(["MESSAGE-ID"]),
        new ExpectedVerificationStatus("447700900123", random.Next(2) == 0));

    private static BodyFormat Other(BodyFormat format) => format == BodyFormat.Json ? BodyFormat.Xml : BodyFormat.Json;

    private static (string Body, string Mutation) Mutate(ExampleBody example, Random random)
    {
        var text = example.Text;
        var (body, mutation) = random.Next(9) switch
        {
            0 => (text[..random.Next(text.Length + 1)], "truncated"),
            1 => (FlipBytes(text, random), "bytes flipped"),
            2 => (example.Format == BodyFormat.Json ? $"[{text}]" : $"<list>{text}</list>", "wrapped in an array"),
            3 => (example.Format == BodyFormat.Json ? ReplaceJsonValue(text, random) : ReplaceXmlValue(text, random), "a value of another kind"),
            4 => (example.Format == BodyFormat.Json ? DuplicateName(text) : DuplicateElement(text, random), "a name twice"),
            5 => (example.Format == BodyFormat.Json
                ? new string('[', 100) + text + new string(']', 100)
                : string.Concat(Enumerable.Repeat("<x>", 100)) + text + string.Concat(Enumerable.Repeat("</x>", 100)), "nested deep"),
            6 => (OtherKinds[random.Next(OtherKinds.Length)], "another kind of body"),
            7 => (text.Replace("\"", "'", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal), "quoting broken"),
            _ => (text, "as documented"),
        };
        // Now and then a second mutation on top of the first.
        return random.Next(4) == 0 && body.Length > 0 ? (FlipBytes(body, random), mutation + ", then bytes flipped") : (body, mutation);
    }

    private static string FlipBytes(string text, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var n = random.Next(1, 4); n > 0 && bytes.Length > 0; n--)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return AnswerBody.Decode(bytes, null);
    }

    /// <summary>One value somewhere in the JSON replaced by a value of another kind (an object by a number, a string by an array, …).</summary>
    private static string ReplaceJsonValue(string text, Random random)
    {
        var root = JsonNode.Parse(text);
        var replacement = OtherKinds[random.Next(OtherKinds.Length)];
        var holders = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    holders.Add(o);
                    foreach (var (_, v) in o.ToList()) Walk(v);
                    break;
                case JsonArray a:
                    holders.Add(a);
                    foreach (var v in a.ToList()) Walk(v);
                    break;
            }
        }
        Walk(root);
        if (holders.Count == 0) return replacement;
        // Replaced as text, so values JsonNode cannot build (an unpaired surrogate escape, 1e999) go in as a target sends them.
        const string marker = "\"__FUZZ_REPLACED__\"";
        switch (holders[random.Next(holders.Count)])
        {
            case JsonObject o when o.Count > 0:
                o[o.ElementAt(random.Next(o.Count)).Key] = "__FUZZ_REPLACED__";
                break;
            case JsonArray a when a.Count > 0:
                a[random.Next(a.Count)] = "__FUZZ_REPLACED__";
                break;
            default:
                return replacement;
        }
        return root!.ToJsonString().Replace(marker, replacement, StringComparison.Ordinal);
    }

    private static string ReplaceXmlValue(string text, Random random)
    {
        var document = XDocument.Parse(text);
        var elements = document.Descendants().ToList();
        var element = elements[random.Next(elements.Count)];
        switch (random.Next(4))
        {
            case 0: element.ReplaceNodes(new XElement("item", new XElement("deeper", "x"))); break;
            case 1: element.Value = OtherKinds[random.Next(OtherKinds.Length)]; break;
            case 2: element.Value = "Infinity"; break;
            default: element.Name = "renamed"; break;
        }
        return document.ToString(SaveOptions.DisableFormatting);
    }

    private static string DuplicateName(string text)
    {
        var start = text.IndexOf('{');
        var colon = start < 0 ? -1 : text.IndexOf(':', start);
        var end = colon < 0 ? -1 : text.IndexOfAny([',', '}'], colon);
        return end < 0 ? text : text[..end] + "," + text[(start + 1)..end].Trim() + text[end..];
    }

    private static string DuplicateElement(string text, Random random)
    {
        var document = XDocument.Parse(text);
        var elements = document.Root!.Descendants().ToList();
        if (elements.Count == 0) return text;
        var element = elements[random.Next(elements.Count)];
        element.AddAfterSelf(new XElement(element));
        return document.ToString(SaveOptions.DisableFormatting);
    }
}
