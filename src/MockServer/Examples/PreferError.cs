using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>A Prefer header asking for something the contract does not document: 400 listing what it does.</summary>
public sealed class PreferError(string text) : StageError(400, "BAD_REQUEST", text);
