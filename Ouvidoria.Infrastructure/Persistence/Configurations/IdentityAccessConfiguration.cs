using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Persistence.Configurations;

internal sealed class IdentityAccessGrantConfiguration : IEntityTypeConfiguration<IdentityAccessGrant>
{
    public void Configure(EntityTypeBuilder<IdentityAccessGrant> builder)
    {
        builder.ToTable("IdentityAccessGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.CollaboratorId).HasMaxLength(64);
        builder.Property(g => g.CollaboratorName).HasMaxLength(200);
        builder.Property(g => g.GrantedById).HasMaxLength(64);
        builder.Property(g => g.GrantedByName).HasMaxLength(200);
        builder.HasOne<Manifestation>().WithMany(m => m.IdentityGrants).HasForeignKey(g => g.ManifestationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentityRequestConfiguration : IEntityTypeConfiguration<IdentityRequest>
{
    public void Configure(EntityTypeBuilder<IdentityRequest> builder)
    {
        builder.ToTable("IdentityRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(2000);
        builder.Property(r => r.RequestedById).HasMaxLength(64);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<Manifestation>().WithMany(m => m.IdentityRequests).HasForeignKey(r => r.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        // The ombudsman's "pending requisitions" list.
        builder.HasIndex(r => r.Status);
    }
}

internal sealed class CollaboratorRequestConfiguration : IEntityTypeConfiguration<CollaboratorRequest>
{
    public void Configure(EntityTypeBuilder<CollaboratorRequest> builder)
    {
        builder.ToTable("CollaboratorRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CandidateName).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.Property(r => r.RequestedById).HasMaxLength(64);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<Manifestation>().WithMany(m => m.CollaboratorRequests).HasForeignKey(r => r.ManifestationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Organization.OrganizationalUnit>().WithMany().HasForeignKey(r => r.CandidateUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Status);
    }
}
