using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Invitations;
using GroundTruth.Portal.Features.Mail;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using GroundTruth.Tests.TestSupport.Fakes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GroundTruth.Tests.Portal.Features.Mail;

/// <summary>A portal whose <c>GroundTruth:Smtp</c> points at an in-process SMTP server.</summary>
public sealed class SmtpPortalFixture : IAsyncLifetime
{
    public FakeSmtpServer Smtp { get; } = new();

    public PortalFactory Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Portal = new PortalFactory(settings: SmtpSettings(Smtp.Port));
        await Portal.InitializeAsync();
    }

    public static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["GroundTruth:Smtp:Host"] = "127.0.0.1",
        ["GroundTruth:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GroundTruth:Smtp:From"] = "GroundTruth <labeling@portal.test>",
        ["GroundTruth:Smtp:Tls"] = "None",
    };

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Invitations and account mails through SMTP when it is configured; links to copy when it is not.</summary>
public sealed partial class SmtpMailTests(SmtpPortalFixture fixture) : IClassFixture<SmtpPortalFixture>
{
    private static readonly Uri BaseUri = new("http://portal.test/");

    private PortalFactory Portal => fixture.Portal;

    private static async Task<(string Admin, Guid Team)> TeamAsync(PortalFactory portal)
    {
        var admin = await portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@mail.test", Roles.Admin);
        return (admin, await portal.CreateTeamAsync(Specs.UniqueName("mailed")));
    }

    [Fact]
    public async Task InviteAndSend_WithSmtp_MailsTheLinkAndStillShowsIt()
    {
        var (admin, team) = await TeamAsync(Portal);
        var email = $"invitee-{Guid.NewGuid():N}@mail.test";

        var (link, mail, errors) = await Portal.Get<InvitationService>().InviteAndSendAsync(email, team, Roles.PrivateWorker, admin, BaseUri);

        Assert.Empty(errors);
        Assert.Equal(MailStatus.Sent, mail.Status);
        var message = await fixture.Smtp.WaitForAsync(email);
        Assert.Equal("labeling@portal.test", message.From.Mailboxes.Single().Address);
        Assert.Equal(new Uri(BaseUri, link!.Path).AbsoluteUri, Link().Match(message.TextBody ?? "").Value);
        Assert.Contains($"href=\"{new Uri(BaseUri, link.Path).AbsoluteUri}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(await Portal.Get<InvitationService>().FindAsync(link.Path["/invite/".Length..]));
    }

    [Fact]
    public async Task InviteAndSend_MailServerDown_KeepsTheInvitationAndReportsTheFailure()
    {
        await using var portal = new PortalFactory(settings: SmtpPortalFixture.SmtpSettings(ClosedPort()));
        await portal.InitializeAsync();
        var (admin, team) = await TeamAsync(portal);
        var email = $"invitee-{Guid.NewGuid():N}@mail.test";

        var (link, mail, errors) = await portal.Get<InvitationService>().InviteAndSendAsync(email, team, Roles.PrivateWorker, admin, BaseUri);

        Assert.Empty(errors);
        Assert.Equal(MailStatus.Failed, mail.Status);
        Assert.False(string.IsNullOrEmpty(mail.Error));
        Assert.NotNull(await portal.Get<InvitationService>().FindAsync(link!.Path["/invite/".Length..]));
        Assert.Equal(1, await portal.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email == email)));
    }

    [Fact]
    public async Task InviteAndSend_WithoutSmtp_ShowsTheLinkOnlyAndNeedsNoConfirmation()
    {
        await using var portal = new PortalFactory();
        await portal.InitializeAsync();
        var (admin, team) = await TeamAsync(portal);

        var (link, mail, _) = await portal.Get<InvitationService>().InviteAndSendAsync($"i-{Guid.NewGuid():N}@mail.test", team, Roles.PrivateWorker, admin, BaseUri);

        Assert.NotNull(link);
        Assert.Equal(MailStatus.NotConfigured, mail.Status);
        Assert.False(portal.Get<IOptions<IdentityOptions>>().Value.SignIn.RequireConfirmedAccount);
    }

    [Fact]
    public async Task SignIn_WithSmtpAndUnconfirmedAccount_WaitsForTheMailedConfirmationLink()
    {
        // Until an admin exists every page redirects to the set-up page; other tests in the class may not have run first.
        await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@mail.test", Roles.Admin);
        var email = $"self-{Guid.NewGuid():N}@mail.test";
        await CreateUnconfirmedAsync(email);
        var client = SignInForm.CookieClient(Portal);

        var refused = await SignInForm.PostAsync(client, email, "Test-pass1");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Confirm your e-mail address first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var form = await client.GetStringAsync("/Account/ResendEmailConfirmation");
        await client.PostAsync("/Account/ResendEmailConfirmation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(form),
            ["_handler"] = "resend-email-confirmation",
            ["Input.Email"] = email,
        }));
        var confirmation = Link().Match((await fixture.Smtp.WaitForAsync(email)).TextBody ?? "").Value;
        Assert.Contains("/Account/ConfirmEmail?userId=", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(confirmation).PathAndQuery)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, email, "Test-pass1")).StatusCode);
    }

    private async Task CreateUnconfirmedAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
        Assert.True((await users.CreateAsync(user, "Test-pass1")).Succeeded);
        await users.AddToRoleAsync(user, Roles.PublicWorker);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
