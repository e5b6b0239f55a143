using TwoFactorContracts.ConformanceTests.Command;

// The conformance command: everything lives in VerifyCommand, so another program (tfc verify) runs the same thing.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await VerifyCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
