namespace TwoFactorContracts.MockServer.Frontend.Docs;

/// <summary>The contract file the mock was built from (copied beside the assembly by TwoFactorContracts.Contract).</summary>
public static class ContractFile
{
    public const string ContentType = "application/yaml; charset=utf-8";

    public static StaticAsset Read(string path) =>
        File.Exists(path)
            ? new StaticAsset(ContentType, File.ReadAllBytes(path))
            : throw new FileNotFoundException($"The contract is not beside the mock at {path}; rebuild the mock.", path);
}
