// The sample's local environment: the mock of Infobip's 2FA API as a resource, and the sample app that uses it.
var builder = DistributedApplication.CreateBuilder(args);

var tfa = builder.AddTwoFactorMock("tfa")
    .WithFixedPin("1234")                       // every PIN is 1234: log in by hand without reading the outbox
    .WithClock("manual");                       // PINs expire only when the dashboard's "Advance clock 5m" says so

// The mock's state on Redis (it then outlives the mock's restarts): ConnectionStrings:redis names a running one
// (e.g. a redis-server on this machine, "127.0.0.1:6379"); Sample:RedisContainer=true starts one in a container.
if (builder.Configuration["ConnectionStrings:redis"] is { Length: > 0 })
    tfa.WithRedis(builder.AddConnectionString("redis"));
else if (builder.Configuration["Sample:RedisContainer"] == "true")
    tfa.WithRedis(builder.AddRedis("redis"));

builder.AddProject<Projects.SampleApp>("sampleapp")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Infobip__ApiKey", "sample-key")   // the mock takes any key: an account each
    .WithReference(tfa)                                  // services:tfa:http:0 = the mock's URL
    .WaitFor(tfa);

builder.Build().Run();
