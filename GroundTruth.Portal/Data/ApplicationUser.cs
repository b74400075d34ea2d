using Microsoft.AspNetCore.Identity;

namespace GroundTruth.Portal.Data;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
