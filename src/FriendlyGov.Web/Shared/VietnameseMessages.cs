using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace FriendlyGov.Web.Shared;

/// <summary>The framework's own binding messages, in Vietnamese (translated back through the resources).</summary>
public static class VietnameseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"Giá trị “{v}” không hợp lệ cho {f}.");
        p.SetMissingBindRequiredValueAccessor(f => $"Thiếu giá trị cho {f}.");
        p.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là số.");
        p.SetUnknownValueIsInvalidAccessor(f => $"Giá trị không hợp lệ cho {f}.");
        p.SetValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
        p.SetValueMustBeANumberAccessor(f => $"{f} phải là số.");
        p.SetValueMustNotBeNullAccessor(f => $"Nhập {f}.");
    }
}

public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string message) => new() { Code = code, Description = message };
    public override IdentityError DefaultError() => E(nameof(DefaultError), "Đã có lỗi, vui lòng thử lại.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Tài khoản vừa được thay đổi ở nơi khác, vui lòng thử lại.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Mật khẩu không đúng.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"Tên đăng nhập “{userName}” chỉ được gồm chữ không dấu, chữ số và các ký tự . _ - @.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Tên đăng nhập “{userName}” đã có người dùng.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Thư điện tử “{email}” đã được dùng.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"Thư điện tử “{email}” không hợp lệ.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {length} ký tự.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ ! @ # $).");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa.");
    public override IdentityError PasswordRequiresUniqueChars(int n) => E(nameof(PasswordRequiresUniqueChars), $"Mật khẩu phải có ít nhất {n} ký tự khác nhau.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), "Tài khoản đã có vai trò này.");
}
