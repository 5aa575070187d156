using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("SatisfactionSurveys");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        // Once per NUP: a concurrent second submit loses on this index.
        builder.HasIndex(s => s.ManifestationId).IsUnique();
        builder.HasOne<Manifestation>().WithMany().HasForeignKey(s => s.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Attended).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.MaxCommentLength);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_SatisfactionSurveys_Clarity", "\"Clarity\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_SatisfactionSurveys_Satisfaction", "\"Satisfaction\" BETWEEN 1 AND 5");
        });
    }
}
