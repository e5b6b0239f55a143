using System.Text;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.Validation;

// Stores N applications (default 1 000 000) built from the contract's create `basic` request, as the mock's
// create does, into one account of the in-memory store, and reports the managed bytes each one retains: the
// record itself and the store's index of it. The bench's row (VmRSS growth over stored applications) adds the
// garbage collector's own overhead on top.
var count = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var contract = TwoFactorContracts.Contract.ContractDocument.Load(Path.Combine(root, "openapi/2fa-applications.yaml"));
var model = new FieldModel(contract.Fields);
var body = """{"name":"Test application BASIC","configuration":{"pinAttempts":10,"allowMultiplePinVerifications":true,"pinTimeToLive":"15m","verifyPinLimit":"1/3s","sendPinPerApplicationLimit":"10000/1d","sendPinPerPhoneNumberLimit":"3/1d"},"enabled":true}"""u8;
if (!JsonBodyReader.TryRead(model, body, out var parsed, out var error)) throw new InvalidDataException($"create body: {error}");
if (!BodyValidator.TryValidate(parsed, out var invalid)) throw new InvalidDataException($"create body: {invalid}");

var account = new AccountApplications([]);
var before = GC.GetTotalMemory(forceFullCollection: true);
StoredRecord last = default;
for (var i = 0; i < count; i++) last = account.Add(id => ApplicationChanges.Created(parsed, id, StatefulRules.Seed));
var loaded = GC.GetGCMemoryInfo();
var workingSetLoaded = Environment.WorkingSet;
var after = GC.GetTotalMemory(forceFullCollection: true);
GC.KeepAlive(account);
Console.WriteLine($"applications stored: {account.Count}");
Console.WriteLine($"record: {last.Bytes.Length} bytes of content, {RoundUp(last.Bytes.Length + 24)} bytes as a byte[] on the heap");
Console.WriteLine($"managed heap retained per application: {(after - before) / (double)count:F1} bytes");
Console.WriteLine($"after the load, before a full collection: working set {workingSetLoaded / 1048576.0:F1} MB, GC heap {loaded.HeapSizeBytes / 1048576.0:F1} MB, committed {loaded.TotalCommittedBytes / 1048576.0:F1} MB, fragmented {loaded.FragmentedBytes / 1048576.0:F1} MB, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
var collected = GC.GetGCMemoryInfo();
Console.WriteLine($"after a full collection: working set {Environment.WorkingSet / 1048576.0:F1} MB, GC heap {collected.HeapSizeBytes / 1048576.0:F1} MB, committed {collected.TotalCommittedBytes / 1048576.0:F1} MB");

static int RoundUp(int bytes) => (bytes + 7) / 8 * 8;
