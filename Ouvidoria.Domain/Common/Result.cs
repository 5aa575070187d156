namespace Ouvidoria.Domain.Common;

/// <summary>Kinds of expected failure a use case reports to its caller (never thrown).</summary>
public enum ErrorKind
{
    NotFound,
    Forbidden,
    Validation,
    Conflict,
}

/// <summary>An expected failure with a pt-BR message the user must see.</summary>
public sealed record Error(ErrorKind Kind, string Message)
{
    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);
    public static Error Forbidden(string message = "Você não tem permissão para esta ação.") => new(ErrorKind.Forbidden, message);
    public static Error Validation(string message) => new(ErrorKind.Validation, message);
    public static Error Conflict(string message) => new(ErrorKind.Conflict, message);
}

/// <summary>
/// Outcome of a use case: a value or an <see cref="Error"/>. Broken invariants are exceptions
/// (<see cref="DomainException"/>); results are for what the user is expected to run into.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result is a failure: {Error!.Message}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>A result without a value.</summary>
public readonly record struct Done;

public static class Result
{
    public static readonly Result<Done> Ok = Result<Done>.Success(default);
}
