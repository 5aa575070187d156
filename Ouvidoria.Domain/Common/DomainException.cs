namespace Ouvidoria.Domain.Common;

/// <summary>
/// A broken business rule or an illegal state transition. The message is pt-BR and is meant to be
/// shown to the user as it is.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
