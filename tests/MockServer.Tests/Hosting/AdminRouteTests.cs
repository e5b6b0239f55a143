using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Admin;

namespace MockServer.Tests.Hosting;

/// <summary>
/// The admin route table (<see cref="AdminRoutes"/>) through a real mock: every line it has is checked, so a route
/// added to the table is one line there and nothing here.
/// </summary>
public sealed class AdminRouteTests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    private static string Concrete(string path) => path.Contains('{') ? path[..path.IndexOf('{')] + "1001" : path;

    private static HttpRequestMessage Request(string method, string path, bool credentials)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (credentials) request.Headers.Authorization = AuthenticationHeaderValue.Parse(ApiClient.BasicFor("admin", "pw"));
        return request;
    }

    [Fact]
    public async Task Every_mapped_path_answers_405_with_the_methods_the_table_lists_for_one_it_lacks()
    {
        await using var mock = await QuietMock.StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = "pw"; });
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        var table = mock.Host.AdminRoutes;
        var paths = table.Entries.Where(r => r.Credentials).GroupBy(r => r.Path).ToList();
        paths.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var path in paths)
        {
            var mapped = path.Select(r => r.Method).ToList();
            if (mapped.Contains(AdminRoute.AnyMethod))
            {
                table.AllowOf(Concrete(path.Key)).ShouldBeNull(path.Key);
                foreach (var method in Methods)
                    ((int)(await http.SendAsync(Request(method, Concrete(path.Key), credentials: true))).StatusCode).ShouldNotBe(405, $"{method} {path.Key}");
                continue;
            }
            var lacking = Methods.First(m => !mapped.Contains(m));
            // Paths are case-insensitive.
            var response = await http.SendAsync(Request(lacking, Concrete(path.Key).ToUpperInvariant(), credentials: true));
            ((int)response.StatusCode).ShouldBe(405, $"{lacking} {path.Key}");
            response.Content.Headers.Allow.ShouldBe(mapped, $"{lacking} {path.Key}");
            table.AllowOf(Concrete(path.Key)).ShouldBe(string.Join(", ", mapped));
        }
    }

    [Fact]
    public async Task Every_route_needs_the_admin_credentials_but_the_public_ones()
    {
        await using var mock = await QuietMock.StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = "pw"; });
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        mock.Host.AdminRoutes.Entries.ShouldContain(r => !r.Credentials);
        foreach (var route in mock.Host.AdminRoutes.Entries)
        {
            var method = route.Method == AdminRoute.AnyMethod ? "GET" : route.Method;
            var status = (int)(await http.SendAsync(Request(method, Concrete(route.Path), credentials: false))).StatusCode;
            if (route.Credentials) status.ShouldBe(401, $"{method} {route.Path}");
            else status.ShouldBe(200, $"{method} {route.Path}");
        }
    }

    [Fact]
    public async Task The_table_lists_the_methods_the_admin_API_has_always_allowed()
    {
        await using var mock = await QuietMock.StartAsync();
        var table = mock.Host.AdminRoutes;
        table.AllowOf("/__admin/reset").ShouldBe("POST");
        table.AllowOf("/__admin/mock/journal").ShouldBe("GET, DELETE");
        table.AllowOf("/__admin/mock/outbox").ShouldBe("GET, DELETE");
        table.AllowOf("/__admin/mock/clock").ShouldBe("GET, POST");
        table.AllowOf("/__admin/mock/fixed-pins").ShouldBe("GET");
        table.AllowOf("/__admin/mock/fixed-pins/1001").ShouldBe("PUT, DELETE");
        table.AllowOf("/__admin/mock/fixed-pins/").ShouldBe("PUT, DELETE");
        table.AllowOf("/__ADMIN/Mock/Clock").ShouldBe("GET, POST");
        table.AllowOf("/__admin/mappings/swagger").ShouldBeNull(); // any method
        table.AllowOf("/__admin/health").ShouldBeNull(); // public: other methods are WireMock's
        table.AllowOf("/__admin/mappings").ShouldBeNull();
        table.AllowOf("/__admin/mock/outbox/").ShouldBeNull();
    }

    [Fact]
    public async Task A_route_is_one_line_and_the_dispatcher_answers_it_405s_and_lets_the_rest_go_on()
    {
        string? seen = null;
        var table = new AdminRoutes(QuietMock.Options())
            .Map("GET", "/__admin/mock/things/{id}", (_, id) => { seen = id; return Task.CompletedTask; })
            .Map("GET", "/__admin/open", _ => Task.CompletedTask, credentials: false);

        (await table.TryHandleAsync(Context("GET"), "/__admin/MOCK/things/a/B")).ShouldBeTrue();
        seen.ShouldBe("a/B");
        var post = Context("POST");
        (await table.TryHandleAsync(post, "/__admin/mock/things/x")).ShouldBeTrue();
        post.Response.StatusCode.ShouldBe(405);
        post.Response.Headers.Allow.ToString().ShouldBe("GET");
        (await table.TryHandleAsync(Context("GET"), "/__admin/mock/thing")).ShouldBeFalse();
        (await table.TryHandleAsync(Context("POST"), "/__admin/open")).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => table.Map("GET", "/__admin/open", _ => Task.CompletedTask));
        Should.Throw<ArgumentException>(() => table.Map("GET", "/__admin/{a}/b", _ => Task.CompletedTask));

        static HttpContext Context(string method) => new DefaultHttpContext { Request = { Method = method } };
    }
}
