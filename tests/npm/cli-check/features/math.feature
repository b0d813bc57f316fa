Feature: math
  Scenario: add
    Given a number 2
    When I add 3
    Then it is 5
  Scenario Outline: table
    Given a number <a>
    When I add <b>
    Then it is <c>
    Examples:
      | a | b | c |
      | 1 | 1 | 2 |
      | 1 | 2 | 4 |
