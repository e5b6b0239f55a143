// ./run-mock.sh's server; `tfc mock` runs the same entry point.
return await TwoFactorContracts.MockServer.MockCommand.RunAsync(args, Console.Out, Console.Error);
