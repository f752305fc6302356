using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Helpdesk.Core.Intents;

/// <summary>Intents and the examples the classifier is trained on.</summary>
public sealed class IntentConfiguration : IEntityTypeConfiguration<Intent>
{
    public void Configure(EntityTypeBuilder<Intent> e)
    {
        e.ToTable("Intents");
        e.Property(i => i.Id).HasMaxLength(64);
        e.Property(i => i.DisplayName).HasMaxLength(200);
    }
}

/// <summary>See <see cref="IntentConfiguration"/>.</summary>
public sealed class TrainingExampleConfiguration : IEntityTypeConfiguration<TrainingExample>
{
    public void Configure(EntityTypeBuilder<TrainingExample> e)
    {
        e.ToTable("TrainingExamples");
        e.Property(x => x.IntentId).HasMaxLength(64);
        e.Property(x => x.PreviousIntentId).HasMaxLength(64);
        e.HasIndex(x => new { x.State, x.Source });
    }
}
