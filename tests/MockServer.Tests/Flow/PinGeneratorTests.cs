using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;

namespace MockServer.Tests.Flow;

/// <summary>PINs and pinIds come from the cryptographic generator through a per-thread buffer (SecureRandom).</summary>
public sealed class PinGeneratorTests
{
    [Theory]
    [InlineData(PinType.Numeric, "0123456789")]
    [InlineData(PinType.Alpha, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData(PinType.Hex, "0123456789ABCDEF")]
    [InlineData(PinType.Alphanumeric, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void A_PIN_has_the_templates_length_and_only_its_types_characters(PinType type, string alphabet)
    {
        var generator = new PinGenerator(new FixedPins());
        var seen = new HashSet<char>();
        for (var i = 0; i < 200; i++)
        {
            var pin = generator.Next(type, 9, "41793026727");
            pin.Length.ShouldBe(9);
            pin.ShouldAllBe(c => alphabet.Contains(c));
            seen.UnionWith(pin);
        }
        seen.Count.ShouldBe(alphabet.Length); // 1800 draws reach every character
    }

    [Fact]
    public void Every_character_of_an_alphabet_is_equally_likely()
    {
        // 36 characters: 256 = 7 x 36 + 4, so taking a byte modulo 36 would favour the first four by 8/7 (+14%).
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var counts = new Dictionary<char, int>();
        var text = SecureRandom.GetString(alphabet, 36 * 10_000);
        foreach (var c in text) counts[c] = counts.GetValueOrDefault(c) + 1;

        // Each count is 10 000 +- 100 (one standard deviation): 5% off is 5 of them.
        counts.Count.ShouldBe(36);
        counts.Values.ShouldAllBe(n => n > 9_500 && n < 10_500);
    }

    [Fact]
    public void PinIds_are_32_upper_case_hex_characters_and_never_repeat_across_threads()
    {
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 2_000; i++) ids.Add(PinGenerator.NewPinId()); // 32 kB a thread: several refills
        });

        ids.Count.ShouldBe(16_000);
        ids.Distinct().Count().ShouldBe(16_000);
        ids.ShouldAllBe(id => id.Length == 32 && id.All(c => char.IsAsciiHexDigitUpper(c) || char.IsAsciiDigit(c)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(4096)] // beyond the buffer's share: straight from the generator
    public void Bytes_are_random_at_every_size(int count)
    {
        // Two draws of n bytes are equal with chance 256^-n; for one byte, 20 draws all equal with chance 256^-19.
        var draws = Enumerable.Range(0, 20).Select(_ => Convert.ToHexString(SecureRandom.GetBytes(count))).ToList();
        draws.ShouldAllBe(d => d.Length == 2 * count);
        draws.Distinct().Count().ShouldBeGreaterThan(count == 1 ? 1 : 19);
    }
}
