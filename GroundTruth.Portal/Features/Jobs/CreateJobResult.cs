using GroundTruth.Core.Validation;

namespace GroundTruth.Portal.Features.Jobs;

public sealed record CreateJobResult(Guid? JobId, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => JobId is not null;

    public static CreateJobResult Fail(string field, string message) => new(null, [new FieldError(field, message)]);
}
