using TwoFactorContracts.Contract;

namespace MockServer.Tests.Support;

/// <summary>Copies of the contract changed only in YAML: what the mock and the routes must take with no code change.</summary>
public static class ContractCopy
{
    /// <summary>
    /// The contract plus <c>GET /2fa/2/applications/{applicationId}/stats</c> (<c>getApplicationStats</c>), an operation the
    /// mock has no behaviour for, with a documented 200 example <c>{"sent":3,"verified":2}</c>; written into
    /// <paramref name="folder"/>, its path returned.
    /// </summary>
    public static string WithStatsOperation(string folder)
    {
        var yaml = File.ReadAllText(ContractDocument.DefaultPath).Replace("\r", "", StringComparison.Ordinal);
        const string anchor = "\n  /2fa/2/pin:\n";
        yaml.ShouldContain(anchor);
        yaml = yaml.Insert(yaml.IndexOf(anchor, StringComparison.Ordinal) + 1, """
              /2fa/2/applications/{applicationId}/stats:
                parameters:
                  - $ref: '#/components/parameters/TemplateApplicationId'
                get:
                  operationId: getApplicationStats
                  tags: [Applications]
                  summary: Get an application's statistics
                  responses:
                    '200':
                      description: How many PINs the application sent and how many were verified.
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              sent:
                                type: integer
                              verified:
                                type: integer
                          examples:
                            basic:
                              summary: Some PINs sent, most verified
                              value:
                                sent: 3
                                verified: 2

            """.Replace("\r", "", StringComparison.Ordinal));
        var copy = Path.Combine(folder, ContractDocument.FileName);
        File.WriteAllText(copy, yaml);
        return copy;
    }

    /// <summary>
    /// The contract whose verify answer (<c>VerifyPinResponse</c>) has one more optional field, <c>channel</c>, with the
    /// default <c>SMS</c>: nothing in the mock knows it; written into <paramref name="folder"/>, its path returned.
    /// </summary>
    public static string WithDefaultedVerifyAnswerField(string folder)
    {
        var yaml = File.ReadAllText(ContractDocument.DefaultPath).Replace("\r", "", StringComparison.Ordinal);
        const string anchor = "\n    VerifyPinResponse:\n";
        const string properties = "      properties:\n";
        var at = yaml.IndexOf(properties, yaml.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal) + properties.Length;
        yaml = yaml.Insert(at, "        channel:\n          type: string\n          description: How the PIN was sent.\n          default: SMS\n");
        var copy = Path.Combine(folder, ContractDocument.FileName);
        File.WriteAllText(copy, yaml);
        return copy;
    }
}
