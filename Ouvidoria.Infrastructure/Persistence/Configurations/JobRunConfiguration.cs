using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Infrastructure.Jobs;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Job).HasMaxLength(60);
        builder.Property(r => r.FireInstanceId).HasMaxLength(200);
        builder.Property(r => r.Node).HasMaxLength(200);
        builder.Property(r => r.Summary).HasMaxLength(500);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Job, r.StartedAt });
    }
}
