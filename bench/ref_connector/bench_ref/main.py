from connector.cli import run_integration

from bench_ref.integration import integration


def main():
    run_integration(integration)


if __name__ == "__main__":
    main()
