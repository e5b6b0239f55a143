using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Fuzz;

/// <summary>One request the fuzzer sends: a documented one, then mutated. Mutations say what they did.</summary>
public sealed class FuzzRequest
{
    public required string Method { get; set; }

    public required string Path { get; set; }

    public required string? Authorization { get; set; }

    public byte[]? Body { get; set; }

    public string? ContentType { get; set; }

    public string? Accept { get; set; }

    /// <summary>The media type the client asked for, while Accept is untouched; null once a mutation changed it.</summary>
    public BodyFormat? NegotiatedFormat { get; set; }

    /// <summary>The account whose state the request may touch (the credential before any mutation).</summary>
    public required string Account { get; init; }

    public List<string> Mutations { get; } = [];

    public static FuzzRequest From(ContractCase documented, string account) => new()
    {
        Method = documented.Operation.Method,
        Path = documented.Path,
        Authorization = account,
        Account = account,
        Body = documented.RequestBody is { } body ? System.Text.Encoding.UTF8.GetBytes(body.Text) : null,
        ContentType = documented.RequestBody is null ? null : documented.Format.MediaType(),
        Accept = documented.Format.MediaType(),
        NegotiatedFormat = documented.Format,
    };

    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 400)));
        return $"{Method} {(Path.Length > 200 ? Path[..200] + "..." : Path)} CT={ContentType} Accept={Accept} Auth={(Authorization == Account ? "(account)" : Authorization)} " +
            $"mutations=[{string.Join(", ", Mutations)}] body={body}";
    }
}
