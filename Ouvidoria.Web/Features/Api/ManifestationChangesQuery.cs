using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// "Manifestações alteradas desde": the synchronization feed of another system (e.g. a state
/// ombudsman system). Facts only — type, status, channel, theme, dates, deadline, resolution — never
/// the requester, the text, the extract nor the answers. Ordered by (LastChangedAt, Id) and paged by
/// an opaque keyset cursor, so a page costs the same on the millionth row as on the first and a row
/// changed while the client pages moves to a later page instead of being skipped.
/// </summary>
public sealed class ManifestationChangesQuery(IDbContextFactory<OuvidoriaDbContext> factory)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public sealed record Position(DateTimeOffset ChangedAt, Guid Id);

    public async Task<PaginaDeAlteracoes> ExecuteAsync(DateTimeOffset since, Position? after, int limit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Manifestations.AsNoTracking().Where(m => m.LastChangedAt >= since);
        if (after is { } cursor)
        {
            query = query.Where(m => m.LastChangedAt > cursor.ChangedAt || (m.LastChangedAt == cursor.ChangedAt && m.Id.CompareTo(cursor.Id) > 0));
        }

        var rows = await query
            .OrderBy(m => m.LastChangedAt).ThenBy(m => m.Id)
            .Take(limit + 1)
            .Select(m => new
            {
                m.Id,
                m.Nup,
                m.Type,
                m.Status,
                m.Channel,
                Theme = db.Themes.Where(t => t.Id == m.ThemeId).Select(t => t.Name).FirstOrDefault(),
                m.RegisteredAt,
                m.LastChangedAt,
                m.CitizenDeadline.DueAt,
                m.CitizenDeadline.Extended,
                m.AnsweredAt,
                m.ConcludedAt,
                m.Resolved,
                m.ArchivedAt,
                m.ArchiveReason,
            })
            .ToListAsync(ct);

        var page = rows.Take(limit).Select(m => new ManifestacaoAlterada(
            m.Nup.ToString(), m.Type.ToApi(), m.Status.ToApi(), m.Channel.ToApi(), m.Theme,
            m.RegisteredAt, m.LastChangedAt, m.DueAt, m.Extended, m.AnsweredAt, m.ConcludedAt, m.Resolved,
            m.ArchivedAt, m.ArchiveReason?.ToApi())).ToList();
        var next = rows.Count > limit ? Encode(new Position(rows[limit - 1].LastChangedAt, rows[limit - 1].Id), since) : null;
        return new PaginaDeAlteracoes(page, next);
    }

    /// <summary>The cursor carries the start (desde) too: a page is fully described by it.</summary>
    public static string Encode(Position position, DateTimeOffset since) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{since.UtcTicks}:{position.ChangedAt.UtcTicks}:{position.Id:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out DateTimeOffset since, out Position position)
    {
        since = default;
        position = default!;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sinceTicks)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var atTicks)
                || !Guid.TryParseExact(parts[2], "N", out var id))
            {
                return false;
            }

            since = new DateTimeOffset(sinceTicks, TimeSpan.Zero);
            position = new Position(new DateTimeOffset(atTicks, TimeSpan.Zero), id);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
