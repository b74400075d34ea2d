using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace GroundTruth.Portal.Features.Admin;

public partial class UsersPage
{
    private IReadOnlyList<UserRow>? _users;
    private readonly Dictionary<string, IReadOnlyList<string>> _editedRoles = [];
    private string _actorId = "";
    private DateTimeOffset _now;

    [Inject]
    public required UserAdminService Users { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _actorId = Caller.From((await AuthenticationState).User).UserId;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _now = Time.GetUtcNow();
        _users = await Users.ListAsync();
    }

    private async Task SaveRolesAsync(string userId)
    {
        await Users.SetRolesAsync(userId, _editedRoles[userId], _actorId);
        _editedRoles.Remove(userId);
        await ReloadAsync();
        Snackbar.Add("Roles saved.", Severity.Success);
    }

    private async Task DeactivateAsync(UserRow user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Deactivate {user.Email}?",
            "They will not be able to sign in, their open sessions end within a minute, and any task they hold goes back to the pool. You can reactivate the account later.",
            yesText: "Deactivate", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var errors = await Users.DeactivateAsync(user.Id, _actorId);
        Snackbar.Add(errors.Count == 0 ? $"Deactivated {user.Email}." : errors[0].Message, errors.Count == 0 ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task ReactivateAsync(UserRow user)
    {
        var errors = await Users.ReactivateAsync(user.Id, _actorId);
        Snackbar.Add(errors.Count == 0 ? $"Reactivated {user.Email}." : errors[0].Message, errors.Count == 0 ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }
}
