using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationalUnitConfiguration : IEntityTypeConfiguration<OrganizationalUnit>
{
    public void Configure(EntityTypeBuilder<OrganizationalUnit> builder)
    {
        builder.ToTable("Units");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(200);
        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasOne<OrganizationalUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.ToTable("Themes");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Theme.MaxNameLength);
        builder.HasOne<OrganizationalUnit>().WithMany().HasForeignKey(t => t.DefaultUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.PersonalData).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasMany<Manifestation>().WithOne().HasForeignKey(m => m.ThemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NupSequenceConfiguration : IEntityTypeConfiguration<NupSequence>
{
    public void Configure(EntityTypeBuilder<NupSequence> builder)
    {
        builder.ToTable("NupSequences");
        builder.HasKey(s => new { s.UnitCode, s.Year });
        builder.Property(s => s.UnitCode).ValueGeneratedNever();
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(200);
        builder.HasOne<OrganizationalUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.UnitId);
    }
}

internal sealed class SystemSettingsConfiguration : IEntityTypeConfiguration<SystemSettings>
{
    public void Configure(EntityTypeBuilder<SystemSettings> builder)
    {
        builder.ToTable("SystemSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.OfficeName).HasMaxLength(SystemSettings.MaxOfficeNameLength);
        builder.Property(s => s.TwoFactorRequiredRoles).HasMaxLength(100);
        // Rows saved before these settings existed get the law's values (the maximum).
        builder.Property(s => s.CitizenAnswerDays).HasDefaultValue(DeadlinePolicy.CitizenAnswerDays);
        builder.Property(s => s.CitizenExtensionDays).HasDefaultValue(DeadlinePolicy.CitizenExtensionDays);
        builder.Property(s => s.UnitAnswerDays).HasDefaultValue(DeadlinePolicy.UnitAnswerDays);
        builder.Property(s => s.UnitExtensionDays).HasDefaultValue(DeadlinePolicy.UnitExtensionDays);
        builder.Property(s => s.ComplementDays).HasDefaultValue(DeadlinePolicy.ComplementDays);
        builder.Property(s => s.MaxAttachmentFiles).HasDefaultValue(AttachmentLimits.Legal.MaxFiles);
        builder.Property(s => s.MaxAttachmentMegabytes).HasDefaultValue(AttachmentLimits.Legal.MaxTotalMegabytes);
        builder.Property(s => s.ForeignWordList).HasMaxLength(AnswerQuality.MaxForeignWords * (AnswerQuality.MaxForeignWordLength + 1))
            .HasDefaultValue(SystemSettings.DefaultForeignWordList);
        builder.Ignore(s => s.DeadlineTerms);
        builder.Ignore(s => s.AttachmentLimits);
        builder.Ignore(s => s.ForeignWords);
        builder.Ignore(s => s.AlertDaysBefore);
        builder.Ignore(s => s.TwoFactorRequiredFor);
        builder.Ignore(s => s.Values);
    }
}
