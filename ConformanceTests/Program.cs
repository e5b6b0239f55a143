using TwoFactorContracts.ConformanceTests.Command;

// The conformance command: everything lives in VerifyCommand, so another program (tfc verify) runs the same thing.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops the run, which still writes its reports for what ran; a second one ends the process at once.
    if (cancel.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("stopping: writing the reports for what ran (Ctrl-C again quits at once)");
    cancel.Cancel();
};
return await VerifyCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
