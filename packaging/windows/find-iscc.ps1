# Prints the path of the newest Inno Setup compiler (ISCC.exe) on this machine, for
# release.yml and for building by hand:  & (packaging\windows\find-iscc.ps1) /DAppVersion=…
# Looks on PATH and in "Inno Setup *" under Program Files (x86), Program Files and
# %LOCALAPPDATA%\Programs (a per-user install), so Inno Setup 6 and 7 are both found.
# With -Install, installs Inno Setup with Chocolatey when none is found (windows-latest
# already has 6.x). nianbao.iss needs 6.3 or newer; ISCC itself says so when older.
param([switch]$Install)
$ErrorActionPreference = 'Stop'

function Find-Iscc {
    $candidates = @()
    $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($onPath) { $candidates += $onPath.Source }
    $roots = @(${env:ProgramFiles(x86)}, $env:ProgramFiles)
    if ($env:LOCALAPPDATA) { $roots += (Join-Path $env:LOCALAPPDATA 'Programs') }
    foreach ($root in $roots) {
        if (-not $root -or -not (Test-Path -LiteralPath $root)) { continue }
        foreach ($dir in Get-ChildItem -LiteralPath $root -Directory -Filter 'Inno Setup*') {
            $exe = Join-Path $dir.FullName 'ISCC.exe'
            if (Test-Path -LiteralPath $exe) { $candidates += $exe }
        }
    }
    $candidates | Sort-Object -Unique | Sort-Object -Descending {
        $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($_)
        [version]::new($info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart)
    } | Select-Object -First 1
}

$iscc = Find-Iscc
if (-not $iscc -and $Install) {
    choco install innosetup --no-progress -y | Out-Host
    $iscc = Find-Iscc
}
if (-not $iscc) { throw 'Inno Setup (ISCC.exe) not found: install Inno Setup 6.3 or newer' }
$version = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($iscc).FileVersion
Write-Host "Inno Setup compiler: $iscc ($version)"
$iscc
