"""The wheel's entry point (`main`): python_wheel_task runs it with --catalog and --schema."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--schema", required=True)
    args = parser.parse_args()
    print(f"writing to {args.catalog}.{args.schema}")


if __name__ == "__main__":
    main()
