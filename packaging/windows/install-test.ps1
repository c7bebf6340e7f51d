# What a clerk's PC goes through, on the release runner (release.yml), in this order:
#  1. a silent per-user install into a path with Chinese characters, its self-test,
#     and its silent uninstall;
#  2. a silent per-user install to the default %LOCALAPPDATA%\Programs\nianbao, the
#     start-menu entry, the installed copy's self-test;
#  3. an upgrade (a setup of a higher version) while the program is running: the
#     running copy is closed (CloseApplications=force), the new version installed;
#  4. a silent uninstall: the program folder and its registry entry are gone, the
#     clerk's data in %LOCALAPPDATA%\nianbao is byte for byte as it was.
#   packaging\windows\install-test.ps1 -Setup dist\nianbao-setup-0.1.0.exe -Upgrade …\nianbao-setup-99.0.0.exe
param(
    [Parameter(Mandatory)] [string]$Setup,
    [Parameter(Mandatory)] [string]$Upgrade,
    [string]$Work = (Join-Path ([System.IO.Path]::GetTempPath()) "nianbao-install-$PID")
)
$ErrorActionPreference = 'Stop'
$selfTest = Join-Path $PSScriptRoot 'self-test.ps1'
$appId = '{AEA6834E-FFD4-4865-AF30-8573DD6A64E1}_is1'
$uninstallKey = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\$appId"
$defaultDir = Join-Path $env:LOCALAPPDATA 'Programs\nianbao'
$data = Join-Path $env:LOCALAPPDATA 'nianbao'
$shortcut = Join-Path $env:APPDATA 'Microsoft\Windows\Start Menu\Programs\信息公开年报.lnk'
New-Item -ItemType Directory -Force -Path $Work | Out-Null

function Invoke-Setup([string]$Exe, [string[]]$More = @(), [string]$Log) {
    $arguments = @('/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART', '/CURRENTUSER', "/LOG=`"$Log`"") + $More
    $process = Start-Process -FilePath $Exe -ArgumentList $arguments -Wait -PassThru
    if ($process.ExitCode -ne 0) {
        Get-Content -LiteralPath $Log -ErrorAction SilentlyContinue | Write-Host
        throw "$Exe exited with $($process.ExitCode)"
    }
}

function Invoke-Uninstall([string]$Log) {
    $command = (Get-ItemProperty -LiteralPath $uninstallKey).UninstallString.Trim('"')
    $process = Start-Process -FilePath $command -ArgumentList @('/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART', "/LOG=`"$Log`"") -Wait -PassThru
    if ($process.ExitCode -ne 0) { throw "uninstall exited with $($process.ExitCode)" }
    # the uninstaller finishes from a copy of itself in %TEMP%: wait for its folder to go
    for ($i = 0; $i -lt 60 -and (Test-Path -LiteralPath $uninstallKey); $i++) { Start-Sleep 1 }
}

function Get-DataHashes {
    if (-not (Test-Path -LiteralPath $data)) { return '' }
    Get-ChildItem -LiteralPath $data -Recurse -File | Sort-Object FullName |
        ForEach-Object { "$($_.FullName) $((Get-FileHash -LiteralPath $_.FullName).Hash)" } | Out-String
}

# The clerk's data exists before anything is installed, and must survive everything.
New-Item -ItemType Directory -Force -Path $data | Out-Null
Set-Content -LiteralPath (Join-Path $data '此文件不得删除.txt') -Value '年报数据' -Encoding UTF8

Write-Host '── 1. install into a path with Chinese characters'
$chinese = Join-Path $Work '年报 程序\安装目录'
Invoke-Setup $Setup @("/DIR=`"$chinese`"") (Join-Path $Work 'install-chinese.log')
& $selfTest -Folder $chinese -Work (Join-Path $Work 'self-test-chinese')
Invoke-Uninstall (Join-Path $Work 'uninstall-chinese.log')
if (Test-Path -LiteralPath (Join-Path $chinese 'nianbao.exe')) { throw "uninstall left $chinese\nianbao.exe" }

Write-Host '── 2. default per-user install'
Invoke-Setup $Setup @() (Join-Path $Work 'install.log')
foreach ($file in 'nianbao.exe', 'nianbao-cli.exe', '_internal') {
    if (-not (Test-Path -LiteralPath (Join-Path $defaultDir $file))) { throw "not installed: $defaultDir\$file" }
}
if (-not (Test-Path -LiteralPath $shortcut)) { throw "no start-menu entry $shortcut" }
if (Test-Path -LiteralPath (Join-Path $defaultDir '_internal\PySide6\opengl32sw.dll')) { throw 'opengl32sw.dll was installed' }
$installed = (Get-ItemProperty -LiteralPath $uninstallKey).DisplayVersion
& $selfTest -Folder $defaultDir -Work (Join-Path $Work 'self-test-installed') -Version $installed

Write-Host '── 3. upgrade while the program is running'
$env:QT_QPA_PLATFORM = 'windows'
$running = Start-Process -FilePath (Join-Path $defaultDir 'nianbao.exe') -PassThru
Remove-Item Env:QT_QPA_PLATFORM
for ($i = 0; $i -lt 30 -and -not (Test-Path -LiteralPath (Join-Path $data 'nianbao.db')); $i++) { Start-Sleep 1 }
Start-Sleep 3
if ($running.HasExited) { throw "nianbao.exe did not keep running (exit code $($running.ExitCode))" }
Invoke-Setup $Upgrade @() (Join-Path $Work 'upgrade.log')
if (-not $running.WaitForExit(30000)) { throw 'the upgrade did not close the running nianbao.exe' }
Select-String -LiteralPath (Join-Path $Work 'upgrade.log') -Pattern 'Restart Manager|clos' | ForEach-Object { Write-Host $_.Line }
$upgraded = (Get-ItemProperty -LiteralPath $uninstallKey).DisplayVersion
if ($upgraded -eq $installed) { throw "still version $installed after the upgrade" }
# the 99.0.0 setup carries the same bundle: its executables still say $installed
& $selfTest -Folder $defaultDir -Work (Join-Path $Work 'self-test-upgraded') -Version $installed

Write-Host '── 4. silent uninstall'
$before = Get-DataHashes
if (-not $before.Contains('nianbao.db')) { throw "the running program made no data file in $data" }
Invoke-Uninstall (Join-Path $Work 'uninstall.log')
if (Test-Path -LiteralPath $uninstallKey) { throw 'the uninstall registry entry is still there' }
if (Test-Path -LiteralPath (Join-Path $defaultDir 'nianbao.exe')) { throw "uninstall left $defaultDir\nianbao.exe" }
if (Test-Path -LiteralPath $shortcut) { throw 'uninstall left the start-menu entry' }
$after = Get-DataHashes
if ($after -ne $before) { throw "uninstall changed the data in ${data}:`n$before`n→`n$after" }
Write-Host "ok  data untouched:`n$after"
