namespace Ouvidoria.Domain.Privacy;

/// <summary>What an identifying element is; its tarja is what replaces it in the redacted version.</summary>
public enum IdentifyingElementKind
{
    Name,
    Cpf,
    Cnpj,
    Rg,
    Phone,
    Email,
    Cep,
    Address,
    VehiclePlate,
    BirthDate,
}

public static class IdentifyingElementKindLabels
{
    /// <summary>The tarja written in the redacted version, e.g. <c>[CPF]</c>.</summary>
    public static string Tarja(this IdentifyingElementKind kind) => kind switch
    {
        IdentifyingElementKind.Name => "[NOME]",
        IdentifyingElementKind.Cpf => "[CPF]",
        IdentifyingElementKind.Cnpj => "[CNPJ]",
        IdentifyingElementKind.Rg => "[RG]",
        IdentifyingElementKind.Phone => "[TELEFONE]",
        IdentifyingElementKind.Email => "[E-MAIL]",
        IdentifyingElementKind.Cep => "[CEP]",
        IdentifyingElementKind.Address => "[ENDEREÇO]",
        IdentifyingElementKind.VehiclePlate => "[PLACA]",
        IdentifyingElementKind.BirthDate => "[DATA DE NASCIMENTO]",
    };

    /// <summary>How the kind is named on screen.</summary>
    public static string Label(this IdentifyingElementKind kind) => kind switch
    {
        IdentifyingElementKind.Name => "Nome",
        IdentifyingElementKind.Cpf => "CPF",
        IdentifyingElementKind.Cnpj => "CNPJ",
        IdentifyingElementKind.Rg => "RG",
        IdentifyingElementKind.Phone => "Telefone",
        IdentifyingElementKind.Email => "E-mail",
        IdentifyingElementKind.Cep => "CEP",
        IdentifyingElementKind.Address => "Endereço",
        IdentifyingElementKind.VehiclePlate => "Placa de veículo",
        IdentifyingElementKind.BirthDate => "Data de nascimento",
    };
}
