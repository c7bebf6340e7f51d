; Windows installer of 年报助手 (Inno Setup 6.3 or newer, 7 too). Build after
; `pyinstaller packaging\nianbao.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\nianbao.iss   ->  dist\nianbao-setup-0.1.0.exe
; /DBundle=PATH compiles against another bundle folder (the Linux test's stand-in).
; Per-user: no administrator rights, installs to %LOCALAPPDATA%\Programs\nianbao.
; The clerks' data lives in %LOCALAPPDATA%\nianbao: this script never names it, so
; neither an upgrade nor the uninstaller touches it.

; UTF-8 without a byte-order mark (this script) needs 6.3.0.
#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "信息公开年报"
#ifndef Bundle
  #define Bundle "..\..\dist\nianbao"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; Fixed forever: Setup finds the installed copy by it and upgrades it in place.
AppId={{AEA6834E-FFD4-4865-AF30-8573DD6A64E1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=年报助手
VersionInfoVersion={#AppVersion}
VersionInfoProductName=年报助手 nianbao
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\nianbao
DisableDirPage=yes
DisableProgramGroupPage=yes
DisableReadyPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\nianbao.exe
SetupIconFile=..\..\resources\icons\nianbao.ico
OutputDir={#OutputDir}
OutputBaseFilename=nianbao-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 (build 17763) is the oldest Windows Qt 6 runs on; older ones, 7 and
; 8.1 are refused with the translated WinVersionTooLowError, 32-bit Windows with
; OnlyOnTheseArchitectures, before anything is installed.
MinVersion=10.0.17763
; A running copy is closed before its files are replaced. force: Qt windows often ignore
; Restart Manager's polite request, and every keystroke is already saved, so closing it
; loses nothing. A silent upgrade (/VERYSILENT) closes it too.
CloseApplications=force

[Languages]
; No Inno Setup 6 ships ChineseSimplified.isl in Languages\: our own translation beside
; this script is used unless the compiler has its own. Its source and licence: README.md
; beside this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no DLL of the old version may stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\nianbao.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\nianbao.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\nianbao.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
