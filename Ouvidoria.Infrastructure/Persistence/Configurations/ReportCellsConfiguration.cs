using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.Reporting;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class ReportMonthCellConfiguration : IEntityTypeConfiguration<ReportMonthCell>
{
    public void Configure(EntityTypeBuilder<ReportMonthCell> builder)
    {
        builder.ToTable("ReportMonthCells");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Month).HasMaxLength(7);
        builder.Property(c => c.Type).HasMaxLength(40);
        builder.Property(c => c.Channel).HasMaxLength(40);
        builder.HasIndex(c => c.Month);
    }
}

internal sealed class ReportAnswerDaysCellConfiguration : IEntityTypeConfiguration<ReportAnswerDaysCell>
{
    public void Configure(EntityTypeBuilder<ReportAnswerDaysCell> builder)
    {
        builder.ToTable("ReportAnswerDaysCells");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Month).HasMaxLength(7);
        builder.Property(c => c.Type).HasMaxLength(40);
        builder.Property(c => c.Channel).HasMaxLength(40);
        builder.HasIndex(c => c.Month);
    }
}

internal sealed class ReportDirtyMonthConfiguration : IEntityTypeConfiguration<ReportDirtyMonth>
{
    public void Configure(EntityTypeBuilder<ReportDirtyMonth> builder)
    {
        builder.ToTable("ReportDirtyMonths");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Month).HasMaxLength(7);
        builder.HasIndex(c => c.Month);
    }
}
