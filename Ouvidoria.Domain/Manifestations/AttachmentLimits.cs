using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// How many files, and how many megabytes in total, a citizen may attach to one manifestation (and
/// the team to one thread message). <see cref="AttachmentPolicy"/> holds the maximum (10 files,
/// 30 MB): an office may configure lower limits, never higher ones.
/// </summary>
public sealed record AttachmentLimits(int MaxFiles, int MaxTotalMegabytes)
{
    public const long BytesPerMegabyte = 1024L * 1024;

    public static readonly AttachmentLimits Legal = new(AttachmentPolicy.MaxFiles, (int)(AttachmentPolicy.MaxTotalBytes / BytesPerMegabyte));

    public long MaxTotalBytes => MaxTotalMegabytes * BytesPerMegabyte;

    /// <summary>"até 10 arquivos e 30 MB no total".</summary>
    public string Describe() => $"até {MaxFiles} {(MaxFiles == 1 ? "arquivo" : "arquivos")} e {MaxTotalMegabytes} MB no total";

    /// <summary>Every problem, one pt-BR sentence each (empty: valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxFiles < 1 || MaxFiles > Legal.MaxFiles)
        {
            problems.Add($"O número máximo de anexos por manifestação deve ser de 1 a {Legal.MaxFiles} (máximo do sistema: {Legal.MaxFiles} arquivos).");
        }

        if (MaxTotalMegabytes < 1 || MaxTotalMegabytes > Legal.MaxTotalMegabytes)
        {
            problems.Add($"O tamanho máximo dos anexos deve ser de 1 a {Legal.MaxTotalMegabytes} MB no total (máximo do sistema: {Legal.MaxTotalMegabytes} MB).");
        }

        return problems;
    }

    public AttachmentLimits EnsureValid()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        return this;
    }
}
