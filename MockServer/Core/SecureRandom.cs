using System.Security.Cryptography;

namespace TwoFactorContracts.MockServer.Core;

/// <summary>
/// Cryptographic random bytes for ids and PINs, served from a per-thread buffer. Each call into the system's
/// generator (OpenSSL's RAND_bytes) costs about a microsecond whatever its size, and a send or a create needs
/// only 16 bytes: one call fills the buffer for a few hundred of them. The bytes are the generator's own.
/// </summary>
public static class SecureRandom
{
    private const int BufferSize = 4096;

    [ThreadStatic] private static byte[]? t_buffer;
    [ThreadStatic] private static int t_left; // bytes of the buffer not served yet: 0 on a new thread

    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    public static void Fill(Span<byte> destination)
    {
        // Large requests gain nothing from the buffer and would drain it.
        if (destination.Length > BufferSize / 8)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        var buffer = t_buffer ??= new byte[BufferSize];
        if (t_left < destination.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            t_left = BufferSize;
        }
        var served = buffer.AsSpan(BufferSize - t_left, destination.Length);
        served.CopyTo(destination);
        served.Clear(); // a byte is handed out once
        t_left -= destination.Length;
    }

    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    /// <summary>
    /// <paramref name="length"/> characters, each drawn uniformly from <paramref name="alphabet"/> (at most 256
    /// characters): a byte at or above the largest multiple of the alphabet's size is drawn again, so no modulo bias.
    /// </summary>
    public static string GetString(string alphabet, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alphabet.Length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alphabet.Length, 256);
        var limit = 256 - 256 % alphabet.Length;
        return string.Create(length, (alphabet, limit), static (chars, state) =>
        {
            Span<byte> draw = stackalloc byte[1];
            for (var i = 0; i < chars.Length; i++)
            {
                do Fill(draw); while (draw[0] >= state.limit);
                chars[i] = state.alphabet[draw[0] % state.alphabet.Length];
            }
        });
    }
}
