; Windows installer of 年报助手 (Inno Setup 6). Build after `pyinstaller packaging\nianbao.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\nianbao.iss   ->  dist\nianbao-setup-0.1.0.exe
; Per-user: no administrator rights, installs to %LOCALAPPDATA%\Programs\nianbao.
; The clerks' data lives in %LOCALAPPDATA%\nianbao: this script never names it, so
; neither an upgrade nor the uninstaller touches it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "信息公开年报"
#define Bundle "..\..\dist\nianbao"

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
OutputDir=..\..\dist
OutputBaseFilename=nianbao-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; A running copy is closed (Restart Manager) before its files are replaced.
CloseApplications=yes

[Languages]
; ChineseSimplified.isl is an official Inno Setup translation since 6.5.0; for older
; compilers put the user-contributed file (jrsoftware.org/files/istrans) beside this script.
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
