using GroundTruth.Portal.Features.Admin;

namespace GroundTruth.Portal.Features.Setup;

/// <summary>Whether the first admin exists yet. Cached once true, since an installation never goes back to needing set-up.</summary>
public sealed class SetupState(UserAdminService users)
{
    private volatile bool _complete;

    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken = default)
    {
        if (!_complete && await users.AnyAdminAsync(cancellationToken))
        {
            _complete = true;
        }

        return _complete;
    }
}
