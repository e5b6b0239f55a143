using System.Diagnostics;
using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>
/// XML attacks and breakage: DTDs, external entities (no file is ever read), entity-expansion bombs, deep
/// nesting, invalid UTF-8, truncation. Each gets 400 in the XML envelope, fast, and changes nothing.
/// </summary>
public sealed class XmlAttackTests(LargeBodyMockServerFixture mock) : IClassFixture<LargeBodyMockServerFixture>, IDisposable
{
    private const string Xml = "application/xml";
    private readonly string _markerFile = Path.Combine(Path.GetTempPath(), $"hardening-xxe-{Guid.NewGuid():N}.txt");
    private readonly string _marker = $"XXE-MARKER-{Guid.NewGuid():N}";

    public void Dispose() => File.Delete(_markerFile);

    private string Root => Bodies.XmlRoot;

    [Fact]
    public async Task Every_truncation_of_the_documented_request_is_a_400_in_the_envelope()
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("truncated-xml");
        var guard = await StateGuard.ReadAsync(client, account);
        var body = Bodies.Bytes(Bodies.Create(BodyFormat.Xml).Trim());
        var failures = new List<string>();
        for (var length = 0; length < body.Length; length++)
        {
            var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body[..length], Xml, Xml);
            if (answer.Status != 400 || Envelope.Problems(answer, BodyFormat.Xml) is { Count: > 0 })
                failures.Add($"{length} bytes: {answer}");
        }
        failures.ShouldBeEmpty();
        await guard.ShouldBeUnchangedAsync("truncated XML");
    }

    [Fact]
    public async Task An_internal_dtd_is_refused()
    {
        var body = $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [<!ELEMENT {Root} ANY>]><{Root}><name>a</name></{Root}>";
        await ShouldRefuseAsync(body);
    }

    [Fact]
    public async Task An_external_entity_never_reads_the_file()
    {
        await File.WriteAllTextAsync(_markerFile, _marker);
        var uri = new Uri(_markerFile).AbsoluteUri;
        string[] bodies =
        [
            $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [<!ENTITY xxe SYSTEM \"{uri}\">]><{Root}><name>&xxe;</name></{Root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [<!ENTITY xxe SYSTEM \"{_markerFile}\">]><{Root}><name>&xxe;</name></{Root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [<!ENTITY % p SYSTEM \"{uri}\"> %p;]><{Root}><name>a</name></{Root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {Root} SYSTEM \"{uri}\"><{Root}><name>a</name></{Root}>",
        ];
        using var client = mock.BoundedClient();
        var account = Accounts.New("xxe");
        foreach (var body in bodies)
        {
            var answer = await ShouldRefuseAsync(body, account);
            answer.Body.ShouldNotContain(_marker);
        }
        // XInclude is not processed either: the href stays text, the file is not pulled in.
        var xinclude = $"<{Root} xmlns:xi=\"http://www.w3.org/2001/XInclude\"><name><xi:include href=\"{uri}\" parse=\"text\"/></name></{Root}>";
        var included = await Api.SendAsync(client, "POST", Api.Collection, account, Bodies.Bytes(xinclude), Xml, Xml);
        included.Body.ShouldNotContain(_marker);
        included.Status.ShouldBeLessThan(500);
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            (await Api.ListAsync(client, account, format)).Body.ShouldNotContain(_marker);
    }

    [Fact]
    public async Task A_billion_laughs_bomb_is_refused_quickly()
    {
        var entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        var body = $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [{entities}]><{Root}><name>&lol9;</name></{Root}>";
        var watch = Stopwatch.StartNew();
        await ShouldRefuseAsync(body);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "an expansion bomb must be refused before any expansion");
    }

    [Fact]
    public async Task A_quadratic_blowup_is_refused()
    {
        // Quadratic blowup: one big entity referenced many times (no nesting for an expansion-depth check to catch).
        var small = $"<?xml version=\"1.0\"?><!DOCTYPE {Root} [<!ENTITY a \"{new string('a', 5_000)}\">]><{Root}><name>{string.Concat(Enumerable.Repeat("&a;", 2_000))}</name></{Root}>";
        await ShouldRefuseAsync(small);
    }

    public static TheoryData<string, string> DeepXml()
    {
        const int depth = 10_000;
        string Nest(string element, string inner = "") =>
            string.Concat(Enumerable.Repeat($"<{element}>", depth)) + inner + string.Concat(Enumerable.Repeat($"</{element}>", depth));
        var root = Bodies.XmlRoot;
        return new()
        {
            { "nested request roots", Nest(root) },
            { "nested unknown elements, no name", $"<{root}>{Nest("x")}</{root}>" },
            { "nested elements in the name", $"<{root}><name>{Nest("x", "a")}</name></{root}>" },
            { "nested elements in the configuration", $"<{root}><name>a</name><configuration><pinAttempts>{Nest("x", "1")}</pinAttempts></configuration></{root}>" },
            { "unclosed nesting", $"<{root}><name>a</name>" + string.Concat(Enumerable.Repeat("<x>", depth)) },
        };
    }

    [Theory]
    [MemberData(nameof(DeepXml))]
    public async Task Ten_thousand_deep_xml_is_a_400_in_the_envelope(string what, string body)
    {
        what.ShouldNotBeEmpty();
        await ShouldRefuseAsync(body);
    }

    [Fact]
    public async Task Ten_thousand_deep_unknown_elements_beside_a_valid_request_never_fail_the_server()
    {
        // Unknown elements are ignored by design; whichever way the mock decides, it is not a 5xx or a hang.
        using var client = mock.BoundedClient();
        var account = Accounts.New("deep-unknown-xml");
        var body = $"<{Root}><name>deep</name><x>{string.Concat(Enumerable.Repeat("<x>", 10_000))}{string.Concat(Enumerable.Repeat("</x>", 10_000))}</x></{Root}>";
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, Bodies.Bytes(body), Xml, Xml);
        await Answers.ShouldBeValidAsync(client, account, answer, "createApplication", BodyFormat.Xml);
    }

    public static TheoryData<string, byte[]> InvalidUtf8Xml()
    {
        var root = Bodies.XmlRoot;
        byte[] With(byte[] raw) => [.. Encoding.UTF8.GetBytes($"<{root}><name>a"), .. raw, .. Encoding.UTF8.GetBytes($"</name></{root}>")];
        return new()
        {
            { "lone continuation byte", With([0x80]) },
            { "0xFF", With([0xFF]) },
            { "overlong '/'", With([0xC0, 0xAF]) },
            { "encoded surrogate", With([0xED, 0xA0, 0x80]) },
            { "cut multi-byte sequence", With([0xE2, 0x82]) },
            { "invalid byte in an element name", [.. Encoding.UTF8.GetBytes($"<{root}><na"), 0xFF, .. Encoding.UTF8.GetBytes($"me>a</name></{root}>")] },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8Xml))]
    public async Task Invalid_utf8_xml_is_a_400_in_the_envelope(string what, byte[] body)
    {
        what.ShouldNotBeEmpty();
        await ShouldRefuseAsync(body);
    }

    public static TheoryData<string> BrokenXml()
    {
        var root = Bodies.XmlRoot;
        return new()
        {
            $"<{root}><name>a</name></{root}><{root}/>",
            $"<{root}><name>a</name></{root}>trailing",
            $"<{root}><name>a</{root}></name>",
            $"<{root}><name>a&bogus;</name></{root}>",
            $"<{root}><name>a&#0;</name></{root}>",
            $"<{root}><name>a&#xD800;</name></{root}>",
            $"<{root}><name>a\u0001</name></{root}>",
            $"<{root} a=\"1\" a=\"2\"><name>a</name></{root}>",
            $"<notTheRoot><name>a</name></notTheRoot>",
            $"<{root}><name>a</name>",
            $"<?xml version=\"1.0\" encoding=\"UTF-16\"?><{root}><name>a</name></{root}>",
            $"<?xml version=\"2.0\"?><{root}><name>a</name></{root}>",
            $"<x:{root} xmlns:y=\"u\"><name>a</name></x:{root}>",
            "<<<>>>",
            "not xml at all",
        };
    }

    [Theory]
    [MemberData(nameof(BrokenXml))]
    public async Task Broken_xml_is_a_400_in_the_envelope(string body) => await ShouldRefuseAsync(body);

    private Task<ApiAnswer> ShouldRefuseAsync(string body, string? account = null, int status = 400) =>
        ShouldRefuseAsync(Bodies.Bytes(body), account, status);

    private async Task<ApiAnswer> ShouldRefuseAsync(byte[] body, string? account = null, int status = 400)
    {
        using var client = mock.BoundedClient();
        account ??= Accounts.New("xml");
        var guard = await StateGuard.ReadAsync(client, account);
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body, Xml, Xml);
        answer.ShouldBeEnvelope(status, BodyFormat.Xml);
        await guard.ShouldBeUnchangedAsync(Encoding.UTF8.GetString(body[..Math.Min(body.Length, 120)]));
        return answer;
    }
}
